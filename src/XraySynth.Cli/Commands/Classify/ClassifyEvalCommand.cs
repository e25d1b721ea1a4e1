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
        var options = new RunEvalOptions("classifier", "two run folders A B: per-label AUROC difference B − A with CI, DeLong p, Holm", 2000, "compare");
        var command = new Command("eval", "Evaluate a run (AUROC, AUPRC, sensitivity at 90% specificity, ECE, 95% CIs over patients, ROC PNGs) or --compare two runs");
        options.AddTo(command);
        compute.AddTo(command);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var runtime = context.StartTorch(compute);
            var request = options.Resolve(context.Parse, runtime);
            if (request.Pair is { } pair)
            {
                var result = context.WithProgress(r => ClassifierEvaluator.Compare(pair.A, pair.B, request.Split, request.Data, request.CompareFolder, request.Bootstrap, runtime.Device, r, request.AllowTrainingOverlap));
                context.Console.Out.Write(ComparisonTable(result.Rows));
                context.Console.Out.WriteLine($"wrote {result.Folder}/comparison.csv, comparison.md, roc/*.png");
                return 0;
            }
            var evaluation = context.WithProgress(r => ClassifierEvaluator.Evaluate(request.Run!, request.Split, request.Data, request.Bootstrap, runtime.Device, r, request.AllowTrainingOverlap));
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
            table.AddRow(Markup.Escape(FewPositives.Name(r.Label, r.Positives)), r.Positives.ToString(CultureInfo.InvariantCulture),
                $"{F(r.Auroc.Estimate)} ({F(r.Auroc.Lower)}–{F(r.Auroc.Upper)})", $"{F(r.Auprc.Estimate)} ({F(r.Auprc.Lower)}–{F(r.Auprc.Upper)})",
                F(r.SensitivityAtSpecificity90), F(r.Ece));
        return table.Caption(Markup.Escape(Caption("95% CIs: " + BootstrapMethodText.DescribeDraw(rows.Count > 0 ? rows[0].Auroc : null), rows.Select(r => r.Positives))));
    }

    /// <summary>The comparison as a console table.</summary>
    public static Table ComparisonTable(IReadOnlyList<LabelComparison> rows)
    {
        var table = new Table().AddColumns("label", "positives", "AUROC A", "AUROC B", "B − A (95% CI)", "DeLong p", "Holm p");
        foreach (var r in rows)
            table.AddRow(Markup.Escape(FewPositives.Name(r.Label, r.Positives)), r.Positives.ToString(CultureInfo.InvariantCulture), F(r.AurocA), F(r.AurocB),
                $"{F(r.Difference.Estimate)} ({F(r.Difference.Lower)} to {F(r.Difference.Upper)})", F(r.DeLong.PValue), F(r.HolmP));
        return table.Caption(Markup.Escape(Caption("95% CIs: paired " + BootstrapMethodText.DescribeDraw(rows.Count > 0 ? rows[0].Difference : null), rows.Select(r => r.Positives))));
    }

    static string Caption(string intervals, IEnumerable<int> positives)
    {
        string note = FewPositives.Note(positives);
        return note.Length == 0 ? intervals : intervals + "\n" + note;
    }
}
