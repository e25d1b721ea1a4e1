namespace XraySynth.Data.Checks;

/// <summary>How bad a problem found by a check is.</summary>
public enum CheckSeverity
{
    /// <summary>Worth knowing; the dataset is still usable.</summary>
    Warning,
    /// <summary>The dataset must not be used until it is fixed.</summary>
    Error,
}
