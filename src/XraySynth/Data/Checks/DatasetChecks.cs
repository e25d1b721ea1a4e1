using XraySynth.Common;

namespace XraySynth.Data.Checks;

/// <summary>
/// Runs every dataset check, collecting every problem before anything fails (as BenchmarkDotNet's validators do).
/// Commands that train call <see cref="EnsureValid"/> first.
/// </summary>
public static class DatasetChecks
{
    /// <summary>The checks in the order they run (cheap manifest checks first, image files last).</summary>
    public static IReadOnlyList<IDatasetCheck> All { get; } =
    [
        new UniqueIdsCheck(), new ManifestLabelsCheck(), new PatientSplitsCheck(), new SyntheticSplitCheck(),
        new BoxesCheck(), new LabelCoverageCheck(), new ImageFilesCheck(),
    ];

    /// <summary>Runs <paramref name="checks"/> (default: <see cref="All"/>) on <paramref name="dataset"/>.</summary>
    public static CheckReport Run(Dataset dataset, CheckOptions? options = null, IReporter? reporter = null, IReadOnlyList<IDatasetCheck>? checks = null)
    {
        options ??= new CheckOptions();
        reporter ??= NullReporter.Instance;
        checks ??= All;
        var context = new CheckContext(dataset, options, reporter);
        var problems = new List<CheckProblem>();
        foreach (var check in checks)
        {
            int before = problems.Count;
            problems.AddRange(check.Run(context));
            reporter.Detail($"check {check.Name}: {(problems.Count == before ? "ok" : $"{problems.Count - before} problem(s)")}");
        }
        return new CheckReport(dataset.Root, checks.Select(c => c.Name).ToList(), problems, dataset.Images.Count, dataset.Boxes.Count);
    }

    /// <summary>Runs every check; warnings go to <paramref name="reporter"/>, errors are thrown together.</summary>
    /// <exception cref="DataError">Any check found an error; the message lists them all with file and line.</exception>
    public static CheckReport EnsureValid(Dataset dataset, CheckOptions? options = null, IReporter? reporter = null)
    {
        reporter ??= NullReporter.Instance;
        var report = Run(dataset, options, reporter);
        foreach (var warning in report.Warnings) reporter.Warn(warning.ToIssue().ToString());
        return report.EnsureValid();
    }
}
