using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using XraySynth.Classify.Evaluation;
using XraySynth.Data;
using XraySynth.Evaluate;

namespace XraySynth.Cli.Commands.Classify;

/// <summary><c>xraysynth classify eval</c>: per-label metrics with patient-bootstrap CIs, or a paired comparison of two runs.</summary>
public static class ClassifyEvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var compute = new ComputeOptions();
        var run = new Option<string?>("--run") { Description = "classifier run folder to evaluate" };
        var compare = new Option<string[]>("--compare") { Description = "two run folders A B: per-label AUROC difference B − A with CI, DeLong p, Holm", AllowMultipleArgumentsPerToken = true, Arity = new ArgumentArity(2, 2) };
        var split = new Option<string>("--split") { Description = "split to evaluate on: test or val", DefaultValueFactory = _ => "test" };
        var data = new Option<string?>("--data") { Description = "evaluate on this dataset instead of the run's (same labels)" };
        var resamples = new Option<int>("--bootstrap") { Description = "bootstrap resamples over patients", DefaultValueFactory = _ => 2000 };
        var output = new Option<string?>("--out") { Description = "--compare: output folder [default: reports/compare-A-vs-B]" };
        var command = new Command("eval", "Evaluate a run (AUROC, AUPRC, sensitivity at 90% specificity, ECE, 95% CIs over patients, ROC PNGs) or --compare two runs");
        foreach (Option option in new Option[] { run, compare, split, data, resamples, output }) command.Options.Add(option);
        compute.AddTo(command);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            var which = ManifestEnums.ParseSplit(parse.GetValue(split)!) ?? throw new Common.UserError($"--split '{parse.GetValue(split)}': expected test or val");
            var runtime = context.StartTorch(compute);
            var bootstrap = new BootstrapOptions { Resamples = parse.GetValue(resamples), Seed = runtime.Seed };
            string[]? pair = parse.GetValue(compare);
            if (pair is { Length: 2 })
            {
                string folder = parse.GetValue(output) ?? Path.Combine("reports", $"compare-{Path.GetFileName(Path.TrimEndingDirectorySeparator(pair[0]))}-vs-{Path.GetFileName(Path.TrimEndingDirectorySeparator(pair[1]))}");
                var result = context.WithProgress(r => ClassifierEvaluator.Compare(pair[0], pair[1], which, parse.GetValue(data), folder, bootstrap, runtime.Device, r));
                context.Console.Out.Write(ComparisonTable(result.Rows));
                context.Console.Out.WriteLine($"wrote {result.Folder}/comparison.csv, comparison.md, roc/*.png");
                return 0;
            }
            string target = parse.GetValue(run) ?? throw new Common.UserError("give --run RUN, or --compare RUN_A RUN_B");
            var evaluation = context.WithProgress(r => ClassifierEvaluator.Evaluate(target, which, parse.GetValue(data), bootstrap, runtime.Device, r));
            context.Console.Out.Write(MetricsTable(evaluation.Metrics));
            context.Console.Out.WriteLine(FormattableString.Invariant($"mean AUROC {evaluation.MeanAuroc:0.0000}; wrote {evaluation.Folder}/predictions.csv, metrics.csv, metrics.md, roc/*.png"));
            return 0;
        });
        return command;
    }

    static string F(double v) => double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    static Table MetricsTable(IReadOnlyList<LabelMetrics> rows)
    {
        var table = new Table().AddColumns("label", "positives", "AUROC (95% CI)", "AUPRC (95% CI)", "sens@90%spec", "ECE");
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.Label), r.Positives.ToString(CultureInfo.InvariantCulture),
                $"{F(r.Auroc.Estimate)} ({F(r.Auroc.Lower)}–{F(r.Auroc.Upper)})", $"{F(r.Auprc.Estimate)} ({F(r.Auprc.Lower)}–{F(r.Auprc.Upper)})",
                F(r.SensitivityAtSpecificity90), F(r.Ece));
        return table;
    }

    /// <summary>The comparison as a console table.</summary>
    public static Table ComparisonTable(IReadOnlyList<LabelComparison> rows)
    {
        var table = new Table().AddColumns("label", "positives", "AUROC A", "AUROC B", "B − A (95% CI)", "DeLong p", "Holm p");
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.Label), r.Positives.ToString(CultureInfo.InvariantCulture), F(r.AurocA), F(r.AurocB),
                $"{F(r.Difference.Estimate)} ({F(r.Difference.Lower)} to {F(r.Difference.Upper)})", F(r.DeLong.PValue), F(r.HolmP));
        return table;
    }
}
