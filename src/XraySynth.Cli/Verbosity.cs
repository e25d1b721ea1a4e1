namespace XraySynth.Cli;

/// <summary>How much a command prints (--quiet, default, --verbose).</summary>
public enum Verbosity
{
    /// <summary>Only results, warnings and errors.</summary>
    Quiet,
    /// <summary>Messages and progress.</summary>
    Normal,
    /// <summary>Also details.</summary>
    Verbose,
}
