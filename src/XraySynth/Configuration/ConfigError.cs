using XraySynth.Common;

namespace XraySynth.Configuration;

/// <summary>A config file with one or more problems; the message lists all of them, one per line.</summary>
public sealed class ConfigError : UserError
{
    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ConfigIssue> Issues { get; }

    /// <summary>Creates the error from the issues found.</summary>
    public ConfigError(IReadOnlyList<ConfigIssue> issues)
        : base(issues.Count == 1
            ? "config error: " + issues[0]
            : $"{issues.Count} config errors:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", issues))
        => Issues = issues;
}
