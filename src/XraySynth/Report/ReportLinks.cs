using System.Text.RegularExpressions;

namespace XraySynth.Report;

/// <summary>Checks a Markdown report's relative links and images: every target must exist beside it.</summary>
public static partial class ReportLinks
{
    /// <summary>
    /// The relative link and image targets of <paramref name="markdownPath"/> (inline <c>[text](target)</c>,
    /// <c>![alt](target)</c>, reference definitions <c>[id]: target</c> and HTML <c>src</c>/<c>href</c>) whose file or
    /// folder does not exist, each as <c>"target (line N)"</c>. URLs with a scheme, <c>data:</c> URIs and in-page
    /// anchors are not checked; fenced code blocks and escaped brackets are skipped.
    /// </summary>
    public static IReadOnlyList<string> Unresolved(string markdownPath)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(markdownPath))!;
        var unresolved = new List<string>();
        bool fenced = false;
        int number = 0;
        foreach (string line in File.ReadLines(markdownPath))
        {
            number++;
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal) || line.TrimStart().StartsWith("~~~", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }
            if (fenced) continue;
            string text = CodeSpan().Replace(line, "");
            var targets = InlineLink().Matches(text).Select(m => m.Groups["target"].Value)
                .Concat(ReferenceDefinition().Matches(text).Select(m => m.Groups["target"].Value))
                .Concat(HtmlAttribute().Matches(text).Select(m => m.Groups["target"].Value));
            foreach (string target in targets)
            {
                string? path = LocalPath(target);
                if (path is null) continue;
                string full = Path.GetFullPath(Path.Combine(folder, path));
                if (!File.Exists(full) && !Directory.Exists(full)) unresolved.Add($"{target} (line {number})");
            }
        }
        return unresolved;
    }

    /// <summary>The relative file path a target names, or null for URLs, data: URIs and anchors.</summary>
    static string? LocalPath(string target)
    {
        string t = target.Trim();
        if (t.StartsWith('<') && t.EndsWith('>')) t = t[1..^1];
        if (t.Length == 0 || t.StartsWith('#') || UriScheme().IsMatch(t)) return null;
        int cut = t.IndexOfAny(['#', '?']);
        if (cut >= 0) t = t[..cut];
        return t.Length == 0 ? null : Uri.UnescapeDataString(t);
    }

    /// <summary>An inline link or image whose opening bracket is not backslash-escaped; target optionally in angle brackets, optional title.</summary>
    [GeneratedRegex(@"(?<!\\)!?\[(?:\\.|[^\]\\])*\]\((?<target><[^>\n]*>|[^)\s]+)(?:\s+(?:""[^""]*""|'[^']*'))?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*(?<target><[^>]*>|\S+)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"<(?:img|a|source|link|script)\b[^>]*?\s(?:src|href)\s*=\s*[""'](?<target>[^""']*)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlAttribute();

    [GeneratedRegex(@"(?<!\\)`[^`]*(?<!\\)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:")]
    private static partial Regex UriScheme();
}
