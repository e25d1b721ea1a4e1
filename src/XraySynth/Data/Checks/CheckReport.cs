namespace XraySynth.Data.Checks;

/// <summary>The outcome of <see cref="DatasetChecks.Run"/>: every problem of every check, errors and warnings.</summary>
public sealed class CheckReport(string datasetRoot, IReadOnlyList<string> checks, IReadOnlyList<CheckProblem> problems, int images, int boxes)
{
    /// <summary>Folder of the dataset checked.</summary>
    public string DatasetRoot { get; } = datasetRoot;

    /// <summary>Names of the checks that ran.</summary>
    public IReadOnlyList<string> Checks { get; } = checks;

    /// <summary>Every problem, errors and warnings, in check order.</summary>
    public IReadOnlyList<CheckProblem> Problems { get; } = problems;

    /// <summary>Images checked.</summary>
    public int Images { get; } = images;

    /// <summary>Boxes checked.</summary>
    public int Boxes { get; } = boxes;

    /// <summary>The problems that make the dataset unusable.</summary>
    public IReadOnlyList<CheckProblem> Errors => Problems.Where(p => p.Severity == CheckSeverity.Error).ToList();

    /// <summary>The problems worth knowing about.</summary>
    public IReadOnlyList<CheckProblem> Warnings => Problems.Where(p => p.Severity == CheckSeverity.Warning).ToList();

    /// <summary>True when no check found an error.</summary>
    public bool Passed => Errors.Count == 0;

    /// <summary>One line: how many images and boxes passed how many checks, with error and warning counts.</summary>
    public string Summary =>
        $"{DatasetRoot}: {Images:N0} images, {Boxes:N0} boxes, {Checks.Count} checks: " +
        (Passed ? "all passed" : $"{Errors.Count} error(s)") + (Warnings.Count > 0 ? $", {Warnings.Count} warning(s)" : "");

    /// <summary>Throws a <see cref="DataError"/> listing every error (file:line: what is wrong) when any check failed.</summary>
    public CheckReport EnsureValid()
    {
        if (!Passed) throw new DataError(Errors.Select(e => e.ToIssue()).ToList());
        return this;
    }
}
