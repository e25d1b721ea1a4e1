using System.CommandLine;
using System.Text.RegularExpressions;
using XraySynth.Cli;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Cli;

/// <summary>
/// The README's command reference stays true: every <c>xraysynth ...</c> it shows (table rows, inline code, code
/// blocks) names commands and options the command tree has, and every command of the tree is shown somewhere.
/// </summary>
public sealed partial class ReadmeCommandReferenceTests
{
    [Fact]
    public void Every_command_and_option_the_readme_shows_exists()
    {
        var root = CliApp.Build(CliConsole.Capture(new StringWriter(), new StringWriter()));
        var invocations = ReadmeInvocations(root);
        Assert.True(invocations.Count > 40, $"only {invocations.Count} invocations found in README.md: is the extraction broken?");
        var problems = invocations.SelectMany(i => Check(root, i)).ToList();
        Assert.True(problems.Count == 0, "README.md:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Every_command_is_in_the_readme()
    {
        var root = CliApp.Build(CliConsole.Capture(new StringWriter(), new StringWriter()));
        var shown = ReadmeInvocations(root).SelectMany(i => Resolve(root, i).Paths).ToHashSet();
        var missing = Leaves(root, "").Where(path => !shown.Contains(path)).ToList();
        Assert.True(missing.Count == 0, "commands missing from README.md's reference: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_option_named_in_the_prose_exists_in_some_command()
    {
        var root = CliApp.Build(CliConsole.Capture(new StringWriter(), new StringWriter()));
        var all = AllCommands(root).SelectMany(c => c.Options).SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet();
        var lines = File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, "README.md"));
        var unknown = new List<string>();
        int checkedSpans = 0;
        for (int i = 0; i < lines.Length; i++)
            foreach (Match span in CodeSpan().Matches(lines[i]))
            {
                string text = span.Groups[1].Value.Trim();
                if (!text.StartsWith("--", StringComparison.Ordinal)) continue;
                string name = OptionName().Match(text).Value;
                checkedSpans++;
                if (!all.Contains(name) && !OtherTools.Contains(name)) unknown.Add($"line {i + 1}: {name} ('{text}')");
            }
        Assert.True(checkedSpans > 5, $"only {checkedSpans} option spans found in README.md: is the extraction broken?");
        Assert.True(unknown.Count == 0, "README.md names options no command has:\n" + string.Join("\n", unknown));
    }

    /// <summary>Options of other programs the README mentions (sbatch's).</summary>
    static readonly HashSet<string> OtherTools = ["--dependency", "--partition"];

    static IEnumerable<Command> AllCommands(Command command) => command.Subcommands.SelectMany(AllCommands).Prepend(command);

    [Fact]
    public void The_check_finds_a_misspelt_option_and_an_unknown_subcommand()
    {
        var root = CliApp.Build(CliConsole.Capture(new StringWriter(), new StringWriter()));
        Assert.Empty(Check(root, new Invocation(1, "xraysynth gan sample --run RUN --count N")));
        Assert.Contains(Check(root, new Invocation(1, "xraysynth gan sample --runs RUN")), p => p.Contains("--runs"));
        Assert.Contains(Check(root, new Invocation(2, "xraysynth gan sampel --run RUN")), p => p.Contains("sampel"));
        Assert.Contains(Check(root, new Invocation(3, "xraysynth detect train|evaluate --data D")), p => p.Contains("evaluate"));
        Assert.Empty(Check(root, new Invocation(4, "xraysynth --quiet --config F gan sample --run RUN")));
        Assert.Contains(Check(root, new Invocation(5, "xraysynth classify train|eval --ci bca")), p => p.Contains("'xraysynth classify train' has no option --ci"));
    }

    /// <summary>One command line shown in the README, with its line number.</summary>
    sealed record Invocation(int Line, string Text);

    /// <summary>The commands an invocation names (several for <c>train|eval</c>), and the words after them.</summary>
    sealed record Resolved(IReadOnlyList<Command> Commands, IReadOnlyList<string> Paths, string Rest, string? Problem);

    /// <summary>
    /// Inline code spans that start with <c>xraysynth</c>, <c>...</c> (a row continuing the one above) or a top-level
    /// command (<c>gan info FILE</c>), and code-block lines that start with <c>xraysynth</c>.
    /// </summary>
    static List<Invocation> ReadmeInvocations(RootCommand root)
    {
        var topLevel = root.Subcommands.Select(c => c.Name).ToHashSet();
        var lines = File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, "README.md"));
        var found = new List<Invocation>();
        bool inBlock = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { inBlock = !inBlock; continue; }
            if (inBlock)
            {
                string text = line.Trim();
                if (text.StartsWith(DotnetRun, StringComparison.Ordinal)) text = "xraysynth " + text[DotnetRun.Length..];
                if (text.StartsWith("xraysynth ", StringComparison.Ordinal)) found.Add(new Invocation(i + 1, StripComment(text)));
                continue;
            }
            foreach (Match span in CodeSpan().Matches(line))
            {
                string text = span.Groups[1].Value.Replace("\\|", "|").Trim();
                string first = text.Split(' ')[0];
                if (first == "xraysynth" && text.Contains(' ')) found.Add(new Invocation(i + 1, text));
                else if (first == "..." && text.Length > 4) found.Add(new Invocation(i + 1, "xraysynth" + text[3..]));
                else if (topLevel.Contains(first) && text.Contains(' ')) found.Add(new Invocation(i + 1, "xraysynth " + text));
            }
        }
        return found;
    }

    /// <summary>How the README runs xraysynth from the source tree.</summary>
    const string DotnetRun = "dotnet run --project src/XraySynth.Cli -c Release -- ";

    static string StripComment(string text)
    {
        int hash = text.IndexOf(" #", StringComparison.Ordinal);
        return hash < 0 ? text : text[..hash].TrimEnd();
    }

    /// <summary>Walks the command words of <paramref name="invocation"/> down the tree.</summary>
    static Resolved Resolve(RootCommand root, Invocation invocation)
    {
        var words = invocation.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        IReadOnlyList<Command> current = [root];
        var paths = new List<string> { "" };
        int used = 0;
        var globals = root.Options.Where(o => o.Recursive).ToList();
        for (int w = 0; w < words.Count; w++)
        {
            string word = words[w];
            // A global option before the command words (xraysynth --quiet gan sample ...): skip it and its value.
            if (globals.FirstOrDefault(o => o.Name == word || o.Aliases.Contains(word)) is { } global)
            {
                used++;
                if (global.Arity.MinimumNumberOfValues > 0 && w + 1 < words.Count) { w++; used++; } // a flag (--quiet) takes none
                continue;
            }
            if (word.StartsWith('-') || word.StartsWith('[') || word == "...") break;
            var names = word.Split('|');
            var next = new List<Command>();
            var nextPaths = new List<string>();
            string? unknown = null;
            for (int c = 0; c < current.Count; c++)
                foreach (string name in names)
                {
                    var sub = current[c].Subcommands.FirstOrDefault(s => s.Name == name || s.Aliases.Contains(name));
                    if (sub is null) { unknown = name; continue; }
                    next.Add(sub);
                    nextPaths.Add((paths[c] + " " + sub.Name).Trim());
                }
            if (next.Count == 0)
            {
                // Not a command word: an argument or a placeholder (COMMAND), unless the command takes no
                // argument and has subcommands.
                bool takesArguments = current.Any(c => c.Arguments.Count > 0) || word.All(ch => char.IsUpper(ch) || ch == '_');
                string? problem = !takesArguments && current.Any(c => c.Subcommands.Count > 0)
                    ? $"line {invocation.Line}: '{word}' is not a subcommand of 'xraysynth {paths[0]}'".Replace("xraysynth  ", "xraysynth ")
                    : null;
                return new Resolved(current, paths, string.Join(' ', words.Skip(used)), problem);
            }
            if (unknown is not null)
                return new Resolved(next, nextPaths, "", $"line {invocation.Line}: '{unknown}' is not a subcommand in '{invocation.Text}'");
            current = next;
            paths = nextPaths;
            used++;
        }
        return new Resolved(current, paths, string.Join(' ', words.Skip(used)), null);
    }

    static IEnumerable<string> Check(RootCommand root, Invocation invocation)
    {
        var resolved = Resolve(root, invocation);
        if (resolved.Problem is not null) { yield return resolved.Problem; yield break; }
        // An option shown after train|eval must exist in each of them.
        for (int c = 0; c < resolved.Commands.Count; c++)
        {
            var known = OptionNames(root, resolved.Commands[c]).ToHashSet();
            foreach (Match option in OptionName().Matches(resolved.Rest))
                if (!known.Contains(option.Value))
                    yield return $"line {invocation.Line}: 'xraysynth {resolved.Paths[c]}' has no option {option.Value} ('{invocation.Text}')";
        }
    }

    /// <summary>A command's own option names and aliases, and the recursive ones of its ancestors (the global options).</summary>
    static IEnumerable<string> OptionNames(RootCommand root, Command command)
    {
        var chain = new List<Command>();
        bool Find(Command at)
        {
            chain.Add(at);
            if (ReferenceEquals(at, command)) return true;
            foreach (var sub in at.Subcommands) if (Find(sub)) return true;
            chain.RemoveAt(chain.Count - 1);
            return false;
        }
        Find(root);
        foreach (var option in command.Options)
        {
            yield return option.Name;
            foreach (string alias in option.Aliases) yield return alias;
        }
        foreach (var ancestor in chain.Where(c => !ReferenceEquals(c, command)))
            foreach (var option in ancestor.Options.Where(o => o.Recursive))
            {
                yield return option.Name;
                foreach (string alias in option.Aliases) yield return alias;
            }
    }

    static IEnumerable<string> Leaves(Command command, string path)
    {
        if (command.Subcommands.Count == 0) { yield return path; yield break; }
        foreach (var sub in command.Subcommands.Where(s => !s.Hidden))
            foreach (string leaf in Leaves(sub, (path + " " + sub.Name).Trim()))
                yield return leaf;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9-]*")]
    private static partial Regex OptionName();
}
