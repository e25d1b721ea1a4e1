namespace XraySynth.Data.Checks;

/// <summary>One validation rule; it reports every problem it finds and never throws for bad data.</summary>
public interface IDatasetCheck
{
    /// <summary>Short name shown in reports (e.g. "patient-splits").</summary>
    string Name { get; }

    /// <summary>Every problem found in <paramref name="context"/>'s dataset.</summary>
    IEnumerable<CheckProblem> Run(CheckContext context);
}
