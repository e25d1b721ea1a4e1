namespace XraySynth.Configuration;

/// <summary>One problem in a config file, located by file, line and key.</summary>
/// <param name="File">The config file as the user named it.</param>
/// <param name="Line">1-based line; 0 when the problem is not tied to a line.</param>
/// <param name="Column">1-based column; 0 when unknown.</param>
/// <param name="Key">Dotted key path, e.g. <c>gan.batch_size</c>.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record ConfigIssue(string File, int Line, int Column, string Key, string Message)
{
    /// <summary><c>file:line:column: key: message</c>, the form editors and terminals link to.</summary>
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {Key}: {Message}" : $"{File}: {Key}: {Message}";
}
