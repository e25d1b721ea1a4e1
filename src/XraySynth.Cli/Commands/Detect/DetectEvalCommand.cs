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
        var run = new Option<string?>("--run") { Description = "detector run folder to evaluate" };
        var compare = new Option<string[]>("--compare") { Description = "two run folders A B: per-class AP and CPM gain B − A with paired CIs", AllowMultipleArgumentsPerToken = true, Arity = new ArgumentArity(2, 2) };
        var split = new Option<string>("--split") { Description = "split to evaluate on: test or val", DefaultValueFactory = _ => "test" };
        var data = new Option<string?>("--data") { Description = "evaluate on this dataset instead of the run's (same labels)" };
        var resamples = new Option<int>("--bootstrap") { Description = "bootstrap resamples over patients", DefaultValueFactory = _ => 1000 };
        var output = new Option<string?>("--out") { Description = "--compare: output folder [default: reports/detect-compare-A-vs-B]" };
        var command = new Command("eval", "Evaluate a detector (AP@0.5, AP@[.5:.95], FROC at 1/8…8 FP/image, CPM; 95% CIs over patients; predictions CSV; PNG overlays) or --compare two runs");
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
                static string Name(string p) => Path.GetFileName(Path.TrimEndingDirectorySeparator(p));
                string folder = parse.GetValue(output) ?? Path.Combine("reports", $"detect-compare-{Name(pair[0])}-vs-{Name(pair[1])}");
                var result = context.WithProgress(r => DetectorEvaluator.Compare(pair[0], pair[1], which, parse.GetValue(data), folder, bootstrap, runtime.Device, r));
                context.Console.Out.Write(GainTable(result.Gains));
                context.Console.Out.WriteLine($"wrote {result.Folder}/comparison.csv, comparison.md, predictions-a.csv, predictions-b.csv");
                return 0;
            }
            string target = parse.GetValue(run) ?? throw new Common.UserError("give --run RUN, or --compare RUN_A RUN_B");
            var evaluation = context.WithProgress(r => DetectorEvaluator.Evaluate(target, which, parse.GetValue(data), bootstrap, runtime.Device, r));
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
        return table;
    }

    static Table GainTable(IReadOnlyList<ClassDetectionGain> gains)
    {
        var table = new Table().AddColumns("class", "ΔAP@0.5 (95% CI)", "ΔAP@[[.5:.95]] (95% CI)", "ΔCPM (95% CI)");
        foreach (var g in gains) table.AddRow(Markup.Escape(g.Label), Ci(g.Ap50Gain), Ci(g.ApGain), Ci(g.CpmGain));
        return table;
    }
}
