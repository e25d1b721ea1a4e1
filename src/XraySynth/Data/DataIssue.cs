namespace XraySynth.Data;

/// <summary>One problem with input data: the file, the line (0 = whole file) and what was expected.</summary>
public sealed record DataIssue(string File, int Line, string Message)
{
    /// <summary><c>file:line: message</c>.</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

/// <summary>Input data with problems; the message lists them (the first 20, then a count).</summary>
public sealed class DataError : Common.UserError
{
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<DataIssue> Issues { get; }

    /// <summary>Creates the error from the issues found.</summary>
    public DataError(IReadOnlyList<DataIssue> issues) : base(Describe(issues)) => Issues = issues;

    /// <summary>Creates the error for one problem.</summary>
    public DataError(string file, int line, string message) : this([new DataIssue(file, line, message)]) { }

    static string Describe(IReadOnlyList<DataIssue> issues)
    {
        if (issues.Count == 1) return issues[0].ToString();
        var shown = issues.Take(20).Select(i => "  " + i);
        string more = issues.Count > 20 ? $"{Environment.NewLine}  ... and {issues.Count - 20} more" : "";
        return $"{issues.Count} problems:{Environment.NewLine}{string.Join(Environment.NewLine, shown)}{more}";
    }
}
