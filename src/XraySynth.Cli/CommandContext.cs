using System.CommandLine;
using Spectre.Console;
using XraySynth.Common;
using XraySynth.Configuration;
using XraySynth.Torch;

namespace XraySynth.Cli;

/// <summary>What a command's action works with: the parsed flags, the console, the config file, a reporter.</summary>
public sealed class CommandContext(ParseResult parse, CliConsole console, GlobalOptions global)
{
    /// <summary>The parsed command line.</summary>
    public ParseResult Parse { get; } = parse;

    /// <summary>Where output goes.</summary>
    public CliConsole Console { get; } = console;

    /// <summary>--quiet / --verbose.</summary>
    public Verbosity Verbosity { get; } = global.VerbosityOf(parse);

    /// <summary>The --config file, if one was given.</summary>
    public string? ConfigPath { get; } = parse.GetValue(global.Config);

    /// <summary>The command line as typed (for dataset.json's created_by and run folders).</summary>
    public string CommandLine => "xraysynth " + string.Join(' ', Parse.Tokens.Select(t => Quote(t.Value)));

    static string Quote(string token) =>
        token.Length > 0 && token.All(ch => !char.IsWhiteSpace(ch) && ch != '"' && ch != '\'') ? token : $"'{token}'";

    /// <summary>Messages and plain-line progress.</summary>
    public IReporter Reporter => new ConsoleReporter(Console, Verbosity);

    bool configChecked;

    /// <summary>
    /// A section of the --config file, or the record's defaults when no file was given. The first call checks the whole
    /// file (every section, unknown section names), so a command reports all of the file's problems at once rather than
    /// those of the sections it reads first.
    /// </summary>
    /// <exception cref="ConfigError">Any problem anywhere in the file.</exception>
    public T Section<T>(string section) where T : class, new()
    {
        if (ConfigPath is null) return new T();
        if (!configChecked)
        {
            Experiments.ConfigSections.Validate(ConfigPath);
            configChecked = true;
        }
        return YamlConfig.Load<T>(ConfigPath, section);
    }

    /// <summary>Starts torch with the config's runtime section overridden by --device/--libtorch/--seed/--threads.</summary>
    /// <param name="options">The command's compute options.</param>
    /// <param name="seed">A seed decided by the command (e.g. the quickstart's), used unless --seed was given.</param>
    public TorchRuntime StartTorch(ComputeOptions options, long? seed = null)
    {
        RuntimeConfig config = options.Resolve(Parse, Section<RuntimeConfig>(RuntimeConfig.Section));
        if (seed is long chosen && Parse.GetValue(options.Seed) is null) config = config with { Seed = chosen };
        TorchRuntime runtime = TorchRuntime.Start(config.ToOptions());
        Reporter.Detail($"torch: {runtime.Loaded.Describe()}, device {runtime.Device}, seed {runtime.Seed}");
        if (runtime.Loaded.CpuConvolutions is { DisabledMkldnn: true } check) Reporter.Detail($"torch: CPU convolutions: {check.Describe()}");
        return runtime;
    }

    /// <summary>
    /// Runs <paramref name="work"/> with progress bars on a terminal, or plain progress lines elsewhere.
    /// </summary>
    public T WithProgress<T>(Func<IReporter, T> work)
    {
        if (!Console.Interactive || Verbosity == Verbosity.Quiet) return work(Reporter);
        return Console.Out.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx => work(new ConsoleReporter(Console, Verbosity, ctx)));
    }
}
