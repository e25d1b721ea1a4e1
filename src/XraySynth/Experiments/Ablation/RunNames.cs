namespace XraySynth.Experiments.Ablation;

/// <summary>Names that become folder and file names (runs, arms, generators): letters, digits, '-', '_', '.'.</summary>
public static class RunNames
{
    /// <summary>True for a non-empty name of letters, digits, '-', '_' and '.', not starting with '.'.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
