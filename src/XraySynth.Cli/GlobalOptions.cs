using System.CommandLine;

namespace XraySynth.Cli;

/// <summary>Options every command accepts: --config, --quiet, --verbose.</summary>
public sealed class GlobalOptions
{
    /// <summary>YAML experiment config; each command reads its own section, flags override it.</summary>
    public Option<string?> Config { get; } = new("--config") { Description = "YAML config file (configs/*.yaml); flags override its values", Recursive = true };

    /// <summary>Only results, warnings and errors.</summary>
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "print only results, warnings and errors", Recursive = true };

    /// <summary>More detail.</summary>
    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "print details", Recursive = true };

    /// <summary>Adds the options to the root command (they apply to every subcommand).</summary>
    public void AddTo(Command root)
    {
        root.Options.Add(Config);
        root.Options.Add(Quiet);
        root.Options.Add(Verbose);
    }

    /// <summary>The verbosity the user chose.</summary>
    public Verbosity VerbosityOf(ParseResult result) =>
        result.GetValue(Quiet) ? Verbosity.Quiet : result.GetValue(Verbose) ? Verbosity.Verbose : Verbosity.Normal;
}
