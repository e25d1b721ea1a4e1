using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using XraySynth.Classify.Evaluation;
using XraySynth.Evaluate.Features;
using XraySynth.Evaluate.Synthetic;

namespace XraySynth.Cli.Commands.Eval;

/// <summary><c>xraysynth eval synthetic</c>: synthetic image quality against the real training images, beside the real-vs-real floor.</summary>
public static class EvalSyntheticCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var compute = new ComputeOptions();
        var real = new Option<string>("--real") { Description = "real dataset folder (reference: its train split; floor: val + test)", Required = true };
        var synthetic = new Option<string>("--synthetic") { Description = "synthetic dataset folder (from 'xraysynth gan sample')", Required = true };
        var features = EvalCommand.FeaturesOption();
        var classifier = new Option<string?>("--classifier") { Description = "classifier run for label fidelity [default: the --features run, if it is one]" };
        var output = new Option<string?>("--out") { Description = "output folder, refused if not empty unless --force [default: reports/quality-<synthetic>-<features>]" };
        var force = EvalCommand.ForceOption();
        var k = new Option<int>("--k") { Description = "k of the k-NN balls (precision/recall, density/coverage)", DefaultValueFactory = _ => 5 };
        var subsets = new Option<int>("--kid-subsets") { Description = "KID: random subsets", DefaultValueFactory = _ => 100 };
        var subsetSize = new Option<int>("--kid-subset-size") { Description = "KID: images per subset (capped by the smaller set)", DefaultValueFactory = _ => 1000 };
        var command = new Command("synthetic", "FID, KID, precision/recall, density/coverage of synthetic images, overall and per label, beside the real-vs-real floor; label fidelity with a classifier");
        foreach (Option option in new Option[] { real, synthetic, features, classifier, output, force, k, subsets, subsetSize }) command.Options.Add(option);
        compute.AddTo(command);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            if (parse.GetValue(k) < 1) throw new Common.UserError($"--k {parse.GetValue(k)}: expected at least 1");
            if (parse.GetValue(subsets) < 1 || parse.GetValue(subsetSize) < 2) throw new Common.UserError("--kid-subsets must be at least 1 and --kid-subset-size at least 2");
            string folder = parse.GetValue(output) ?? EvalCommand.DefaultOut("quality", parse.GetValue(synthetic)!, parse.GetValue(features)!);
            EvalCommand.EnsureWritable(folder, parse.GetValue(force));
            var runtime = context.StartTorch(compute);
            using var extractor = FeatureExtractors.Create(parse.GetValue(features)!, runtime.Device);
            string? classifierRun = parse.GetValue(classifier);
            using var separate = classifierRun is null ? null : new ClassifierFeatures(TrainedClassifier.Load(classifierRun, runtime.Device), runtime.Device);
            var fidelity = separate ?? extractor as ClassifierFeatures;
            var options = new QualityOptions { K = parse.GetValue(k), KidSubsets = parse.GetValue(subsets), KidSubsetSize = parse.GetValue(subsetSize), Seed = runtime.Seed };
            var report = context.WithProgress(r => SyntheticQuality.Run(parse.GetValue(real)!, parse.GetValue(synthetic)!, folder, extractor, fidelity, options, runtime.Device, r));
            context.Console.Out.Write(Table(report));
            context.Console.Out.WriteLine($"wrote {folder}/quality.json, quality.md, quality.csv, quality.png");
            return 0;
        });
        return command;
    }

    static string F(double v, string format = "0.000") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    static Table Table(QualityReport report)
    {
        var table = new Table().AddColumns("set", "synthetic", "FID (floor)", "KID×10³ (floor)", "precision (floor)", "recall (floor)", "density (floor)", "coverage (floor)");
        foreach (var r in new[] { report.Overall }.Concat(report.PerLabel))
            table.AddRow(Markup.Escape(r.Label ?? "all"), r.Count.ToString(CultureInfo.InvariantCulture), $"{F(r.Fid, "0.00")} ({F(r.FidFloor, "0.00")})",
                $"{F(r.KidMean * 1e3, "0.00")} ({F(r.KidFloor * 1e3, "0.00")})", $"{F(r.Precision)} ({F(r.PrecisionFloor)})", $"{F(r.Recall)} ({F(r.RecallFloor)})",
                $"{F(r.Density)} ({F(r.DensityFloor)})", $"{F(r.Coverage)} ({F(r.CoverageFloor)})");
        if (report.LabelFidelity is { Count: > 0 } fidelity)
            foreach (var f in fidelity)
                table.AddRow(Markup.Escape($"fidelity {f.Label}"), "", $"AUROC synthetic {F(f.SyntheticAuroc)}", $"real test {F(f.RealTestAuroc)}", "", "", "", "");
        return table;
    }
}
