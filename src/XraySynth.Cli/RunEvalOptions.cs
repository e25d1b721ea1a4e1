using System.CommandLine;
using XraySynth.Data;
using XraySynth.Evaluate;
using XraySynth.Torch;

namespace XraySynth.Cli;

/// <summary>What an evaluation command was asked: one run, or a pair to compare, on a split with a bootstrap.</summary>
/// <param name="Split">Split to evaluate on.</param>
/// <param name="Data">Dataset override, or null for the run's own.</param>
/// <param name="Bootstrap">Bootstrap settings (seeded by the run seed).</param>
/// <param name="Run">The run to evaluate (when not comparing).</param>
/// <param name="Pair">Runs A and B to compare, or null.</param>
/// <param name="CompareFolder">Output folder of a comparison.</param>
/// <param name="AllowTrainingOverlap">Evaluate even on images or patients the run trained or validated on (a loud warning, recorded in the outputs).</param>
public sealed record RunEvalRequest(Split Split, string? Data, BootstrapOptions Bootstrap, string? Run, (string A, string B)? Pair, string CompareFolder,
    bool AllowTrainingOverlap = false);

/// <summary>
/// The options shared by <c>classify eval</c> and <c>detect eval</c>: <c>--run</c> or <c>--compare A B</c>, <c>--split</c>,
/// <c>--data</c>, <c>--bootstrap</c>, <c>--ci</c>, <c>--allow-training-overlap</c>, <c>--out</c>.
/// </summary>
/// <param name="kind">What is evaluated, in option help (e.g. "classifier").</param>
/// <param name="compareHelp">Help of <c>--compare</c>.</param>
/// <param name="defaultResamples">Default bootstrap resamples.</param>
/// <param name="comparePrefix">Default comparison folder name prefix under reports/ (e.g. "compare").</param>
public sealed class RunEvalOptions(string kind, string compareHelp, int defaultResamples, string comparePrefix)
{
    readonly Option<string?> run = new("--run") { Description = $"{kind} run folder to evaluate" };
    readonly Option<string[]> compare = new("--compare") { Description = compareHelp, AllowMultipleArgumentsPerToken = true, Arity = new ArgumentArity(2, 2) };
    readonly Option<string> split = new("--split") { Description = "split to evaluate on: test or val", DefaultValueFactory = _ => "test" };
    readonly Option<string?> data = new("--data") { Description = "evaluate on this dataset instead of the run's (same labels)" };
    readonly Option<int> resamples = new("--bootstrap") { Description = "bootstrap resamples over patients", DefaultValueFactory = _ => defaultResamples };
    readonly Option<string> method = new("--ci")
    {
        Description = "confidence intervals: percentile, or bca (bias-corrected and accelerated; closer to nominal coverage for labels with few positive patients; needs --bootstrap 1000 or more and evaluates the statistic once more per test patient)",
        DefaultValueFactory = _ => "percentile",
    };
    readonly Option<bool> allowOverlap = new(Data.Splitting.TrainingOverlap.AllowFlag)
    {
        Description = "evaluate even on images or patients the run trained or validated on (refused otherwise, e.g. after 'data split' re-split the dataset); prints a warning and records it in metrics.md",
    };
    readonly Option<string?> output = new("--out")
    {
        Description = $"--compare: output folder, refused if it holds other results [default: reports/{comparePrefix}-A-vs-B, then -on-DATA with --data and -val with --split val]",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        method.AcceptOnlyFromAmong(Enum.GetValues<BootstrapMethod>().Select(m => m.ShortName()).ToArray());
        foreach (Option option in new Option[] { run, compare, split, data, resamples, method, allowOverlap, output }) command.Options.Add(option);
    }

    /// <summary>The method named <paramref name="text"/> (<see cref="BootstrapMethodText.ShortName"/>: percentile | bca).</summary>
    public static BootstrapMethod ParseMethod(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var methods = Enum.GetValues<BootstrapMethod>();
        string name = text.Trim().ToLowerInvariant();
        foreach (var candidate in methods)
            if (candidate.ShortName() == name) return candidate;
        throw new Common.UserError($"--ci '{text}': expected {string.Join(" or ", methods.Select(m => m.ShortName()))}");
    }

    /// <summary>
    /// The default comparison folder: reports/PREFIX-A-vs-B, with -on-DATA for a <c>--data</c> dataset and -val for the val split,
    /// so that comparisons on different images land in different folders.
    /// </summary>
    public static string DefaultCompareFolder(string prefix, string runA, string runB, string? data, Split split)
    {
        static string Name(string p) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(p)));
        string on = data is null ? "" : $"-on-{Name(data)}";
        string which = split == Split.Test ? "" : $"-{ManifestEnums.Format(split)}";
        return Path.Combine("reports", $"{prefix}-{Name(runA)}-vs-{Name(runB)}{on}{which}");
    }

    /// <summary>Reads the request; a bad split or neither --run nor --compare is a user error.</summary>
    public RunEvalRequest Resolve(ParseResult parse, TorchRuntime runtime)
    {
        var which = ManifestEnums.ParseSplit(parse.GetValue(split)!) ?? throw new Common.UserError($"--split '{parse.GetValue(split)}': expected test or val");
        var bootstrap = new BootstrapOptions { Resamples = parse.GetValue(resamples), Seed = runtime.Seed, Method = ParseMethod(parse.GetValue(method)!) };
        if (BcaLevels.TooFewResamples(bootstrap.Method, bootstrap.Resamples))
            throw new Common.UserError($"--ci bca needs --bootstrap {BcaLevels.MinimumResamples} or more (got {bootstrap.Resamples}): its adjusted levels reach into the tails of the replicates");
        string[]? pair = parse.GetValue(compare);
        if (pair is { Length: 2 })
            return new RunEvalRequest(which, parse.GetValue(data), bootstrap, null, (pair[0], pair[1]),
                parse.GetValue(output) ?? DefaultCompareFolder(comparePrefix, pair[0], pair[1], parse.GetValue(data), which), parse.GetValue(allowOverlap));
        string target = parse.GetValue(run) ?? throw new Common.UserError("give --run RUN, or --compare RUN_A RUN_B");
        return new RunEvalRequest(which, parse.GetValue(data), bootstrap, target, null, "", parse.GetValue(allowOverlap));
    }
}
