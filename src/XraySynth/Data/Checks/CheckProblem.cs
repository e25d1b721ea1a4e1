namespace XraySynth.Data.Checks;

/// <summary>One problem found by a check: severity, which check, the file and line (0 = whole file), what is wrong.</summary>
public sealed record CheckProblem(CheckSeverity Severity, string Check, string File, int Line, string Message)
{
    /// <summary>The problem as a <see cref="DataIssue"/> (file, line, message).</summary>
    public DataIssue ToIssue() => new(File, Line, Message);

    /// <summary><c>error: file:line: message</c>.</summary>
    public override string ToString() => $"{(Severity == CheckSeverity.Error ? "error" : "warning")}: {ToIssue()}";
}
