using System.CommandLine;
using System.Globalization;
using XraySynth.Balance;
using XraySynth.Common;
using XraySynth.Data;

namespace XraySynth.Cli.Commands.Balance;

/// <summary>
/// <c>xraysynth balance --real DATASET --synthetic DIR[,DIR...] --strategy S [--labels L1,L2] [--target N] [--ratio R]
/// [--max-synthetic-fraction F] [--max-synthetic-fraction-per-label F] [--seed K] --out DATASET</c>: merges synthetic
/// images (or duplicates, for oversample) into the train split and writes the merged dataset with a balance report.
/// </summary>
public static class BalanceCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var real = new Option<string>("--real") { Description = "the real dataset folder to balance (its train split grows; val and test are copied untouched)", Required = true };
        var synthetic = new Option<string[]>("--synthetic")
        {
            Description = "synthetic dataset folders from 'xraysynth gan sample', comma-separated or repeated (not for oversample)",
            AllowMultipleArgumentsPerToken = false,
        };
        var strategy = new Option<string?>("--strategy") { Description = $"{string.Join(", ", BalanceStrategyNames.All)} [default: target-count]" };
        var labels = new Option<string?>("--labels") { Description = "labels to top up, comma-separated [default: every label below its target; every label for ratio]" };
        var target = new Option<int?>("--target") { Description = "train positives each chosen label should reach (target-count, oversample) [default: 1000]" };
        var ratio = new Option<double?>("--ratio") { Description = "synthetic positives added per real train positive (ratio) [default: 1]" };
        var maxFraction = new Option<double?>("--max-synthetic-fraction") { Description = "largest share of added images in the train split, 0 to 1 [default: 0.5]" };
        var maxLabelFraction = new Option<double?>("--max-synthetic-fraction-per-label") { Description = "largest share of added images among one label's train positives, 0 to 1 [default: 0.8]" };
        var seed = new Option<long?>("--seed") { Description = "seed of the candidate shuffle; the same seed gives the same selection [default: 0]" };
        var output = new Option<string>("--out") { Description = "merged dataset folder to create (named <real>+<strategy>; holds balance-report/)", Required = true };
        var force = new Option<bool>("--force") { Description = "replace the files of a non-empty output folder" };
        var dryRun = new Option<bool>("--dry-run") { Description = "print the plan and write nothing" };
        var command = new Command("balance",
            "Merge synthetic images into a dataset's train split to top up rare labels (target-count, match-median, match-max, ratio), " +
            "or duplicate real positives (oversample, the baseline); capped overall and per label; writes the merged dataset and a before/after report");
        foreach (Option option in new Option[] { real, synthetic, strategy, labels, target, ratio, maxFraction, maxLabelFraction, seed, output, force, dryRun })
            command.Options.Add(option);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            var config = context.Section<BalanceConfig>(BalanceConfig.Section);
            if (parse.GetValue(strategy) is { } s) config = config with { Strategy = BalanceStrategyNames.Parse(s) };
            if (parse.GetValue(labels) is { } l) config = config with { Labels = SplitList(l) };
            if (parse.GetValue(target) is { } t) config = config with { Target = t };
            if (parse.GetValue(ratio) is { } r) config = config with { Ratio = r };
            if (parse.GetValue(maxFraction) is { } f) config = config with { MaxSyntheticFraction = f };
            if (parse.GetValue(maxLabelFraction) is { } fl) config = config with { MaxSyntheticFractionPerLabel = fl };
            if (parse.GetValue(seed) is { } k) config = config with { Seed = k };

            var realData = Dataset.Load(parse.GetValue(real)!);
            var sources = (parse.GetValue(synthetic) ?? []).SelectMany(SplitList).Select(Dataset.Load).ToList();
            var plan = Balancer.Plan(realData, sources, config);
            if (context.Verbosity != Verbosity.Quiet) context.Console.Out.Write(BalanceTable.Create(plan));
            foreach (string warning in BalanceReport.ShortfallWarnings(plan)) context.Reporter.Warn(warning);
            string summary = string.Create(CultureInfo.InvariantCulture,
                $"train: {plan.RealTrain:N0} real + {plan.Additions.Count:N0} added = {plan.TrainAfter:N0} images ({plan.SyntheticFraction * 100:0.#}% added); val and test unchanged");
            if (parse.GetValue(dryRun))
            {
                context.Reporter.Info($"dry run: {summary}; nothing written");
                return 0;
            }
            var merged = Balancer.Apply(plan, parse.GetValue(output)!, context.CommandLine, parse.GetValue(force));
            context.Reporter.Info(summary);
            context.Reporter.Info($"wrote {merged.Info.Name} to {merged.Root} (report in {Path.Combine(merged.Root, Balancer.ReportFolder)})");
            return 0;
        });
        return command;
    }

    static IReadOnlyList<string> SplitList(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
