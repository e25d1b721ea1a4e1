using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using XraySynth.Data;
using XraySynth.Detect.Evaluation;
using XraySynth.Evaluate;
using XraySynth.Evaluate.Detection;

namespace XraySynth.Cli.Commands.Detect;

/// <summary><c>xraysynth detect eval</c>: per-class AP and FROC with patient-bootstrap CIs, or a paired comparison of two runs.</summary>
public static class DetectEvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var compute = new ComputeOptions();
        var options = new RunEvalOptions("detector", "two run folders A B: per-class AP and CPM gain B − A with paired CIs", 1000, "detect-compare");
        var command = new Command("eval", "Evaluate a detector (AP@0.5, AP@[.5:.95], FROC at 1/8…8 FP/image, CPM; 95% CIs over patients; predictions CSV; PNG overlays) or --compare two runs");
        options.AddTo(command);
        compute.AddTo(command);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var runtime = context.StartTorch(compute);
            var request = options.Resolve(context.Parse, runtime);
            if (request.Pair is { } pair)
            {
                var result = context.WithProgress(r => DetectorEvaluator.Compare(pair.A, pair.B, request.Split, request.Data, request.CompareFolder, request.Bootstrap, runtime.Device, r, request.AllowTrainingOverlap));
                context.Console.Out.Write(GainTable(result.Gains));
                context.Console.Out.WriteLine($"wrote {result.Folder}/comparison.csv, comparison.md, predictions-a.csv, predictions-b.csv");
                return 0;
            }
            var evaluation = context.WithProgress(r => DetectorEvaluator.Evaluate(request.Run!, request.Split, request.Data, request.Bootstrap, runtime.Device, r, request.AllowTrainingOverlap));
            context.Console.Out.Write(MetricsTable(evaluation.Metrics));
            context.Console.Out.WriteLine(FormattableString.Invariant(
                $"mean AP@0.5 {evaluation.Metrics.Mean.Ap50.Estimate:0.0000}; wrote {evaluation.Folder}/predictions.csv, metrics.csv, metrics.md, overlays/*.png"));
            return 0;
        });
        return command;
    }

    static string F(double v) => double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
    static string Ci(BootstrapCi c) => $"{F(c.Estimate)} ({F(c.Lower)}–{F(c.Upper)})";

    static Table MetricsTable(DetectionMetricsResult result)
    {
        var table = new Table().AddColumns("class", "boxes", "AP@0.5 (95% CI)", "AP@[[.5:.95]] (95% CI)", "CPM (95% CI)", "sens@1 FP/img");
        foreach (var r in result.Classes.Append(result.Mean))
            table.AddRow(Markup.Escape(r.Label), r.TruthBoxes.ToString(CultureInfo.InvariantCulture), Ci(r.Ap50), Ci(r.Ap), Ci(r.Cpm), F(r.Froc[3].Sensitivity.Estimate));
        return table.Caption(Markup.Escape("95% CIs: " + BootstrapMethodText.DescribeDraw(result.Mean.Ap50)));
    }

    static Table GainTable(IReadOnlyList<ClassDetectionGain> gains)
    {
        var table = new Table().AddColumns("class", "ΔAP@0.5 (95% CI)", "ΔAP@[[.5:.95]] (95% CI)", "ΔCPM (95% CI)");
        foreach (var g in gains) table.AddRow(Markup.Escape(g.Label), Ci(g.Ap50Gain), Ci(g.ApGain), Ci(g.CpmGain));
        return table.Caption(Markup.Escape("95% CIs: paired " + BootstrapMethodText.DescribeDraw(gains.Count > 0 ? gains[0].Ap50Gain : null)));
    }
}
