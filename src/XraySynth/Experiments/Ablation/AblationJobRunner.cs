using System.Diagnostics;
using System.Globalization;
using XraySynth.Balance;
using XraySynth.Classify.Evaluation;
using XraySynth.Classify.Training;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Cache;
using XraySynth.Data.Checks;
using XraySynth.Data.Phantom;
using XraySynth.Data.Splitting;
using XraySynth.Evaluate;
using XraySynth.Gan.Sampling;
using XraySynth.Gan.Training;

namespace XraySynth.Experiments.Ablation;

/// <summary>
/// Runs one job of an ablation and returns its result (the caller writes it). The same code runs a job in the local
/// runner's loop or as its own process on a cluster node. A job interrupted part-way continues from its GAN or
/// classifier snapshot when run again.
/// </summary>
public static class AblationJobRunner
{
    /// <summary>Runs <paramref name="job"/>; every job it depends on must be done.</summary>
    /// <exception cref="OperationCanceledException">Cancelled (its training saved a snapshot first).</exception>
    public static JobResult Run(AblationJob job, AblationContext context, CancellationToken cancel)
    {
        var run = context.Run;
        foreach (string dependency in job.DependsOn) run.DoneResult(dependency);
        string started = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(run.JobFolder(job.Id));
        context.Reporter.Info($"ablate: {job.Id}");
        var (outputs, scores, prevalence) = job.Kind switch
        {
            AblationJobKind.Data => RunData(context),
            AblationJobKind.Gan => RunGan(job, context, cancel),
            AblationJobKind.Detect => RunDetect(job, context, cancel),
            AblationJobKind.PatchGan => RunPatchGan(job, context, cancel),
            _ => RunCell(job, context, cancel),
        };
        IReadOnlyList<DetectionScore>? detection = job.Kind == AblationJobKind.Detect
            ? DetectionFile.Read(run.Absolute(outputs["detections"])).Scores() : null;
        return new JobResult(job.Id, job.Kind, JobResult.Done, job.Seed, job.Arm, job.Generator, started,
            DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), Math.Round(clock.Elapsed.TotalSeconds, 3), context.GitCommit,
            Environment.MachineName, context.Runtime.Device.ToString(), outputs, scores, prevalence, Detection: detection);
    }

    /// <summary>The labels the generators sample: the configured ones, else the rare ones by train prevalence.</summary>
    /// <exception cref="UserError">None configured and none rare.</exception>
    public static IReadOnlyList<string> SyntheticLabels(AblationConfig config, IReadOnlyDictionary<string, double> prevalence)
    {
        if (config.SyntheticLabels.Count > 0)
        {
            foreach (string label in config.SyntheticLabels)
                if (!prevalence.ContainsKey(label))
                    throw new UserError($"ablation.synthetic_labels: '{label}' is not a label of the dataset{NameSuggester.Hint(label, prevalence.Keys)}");
            return config.SyntheticLabels;
        }
        var rare = prevalence.Where(p => p.Value < config.RarePrevalence).Select(p => p.Key).ToList();
        if (rare.Count == 0)
            throw new UserError($"ablation: no label has a train prevalence below rare_prevalence {config.RarePrevalence.ToString(CultureInfo.InvariantCulture)}; " +
                                "set ablation.synthetic_labels to the labels to synthesize");
        return rare;
    }

    static (Dictionary<string, string>, IReadOnlyList<LabelScore>?, IReadOnlyDictionary<string, double>?) RunData(AblationContext context)
    {
        var settings = context.Run.Settings;
        string folder = settings.Ablation.Data;
        if (!File.Exists(Path.Combine(folder, Dataset.InfoFileName)))
        {
            if (settings.Phantom is null)
                throw new UserError($"ablation.data: no dataset in {folder} (expected {Dataset.InfoFileName}); import or generate one first, " +
                                    "or add a phantom: section to the ablation file to generate it");
            PhantomGenerator.Generate(settings.Phantom, folder, context.CreatedBy, force: true, context.Reporter);
            DatasetSplitter.SplitFolder(folder, null, settings.Split, context.Reporter);
        }
        var dataset = Dataset.Load(folder);
        if (!dataset.InSplit(Split.Test).Any())
            throw new UserError($"{folder}: the dataset has no test split; split it first (xraysynth data split {folder})");
        DatasetChecks.EnsureValid(dataset, reporter: context.Reporter);
        CachePreparer.Prepare(dataset, new PrepareConfig { Size = settings.Classifier.ImageSize }, context.Reporter);
        var train = dataset.InSplit(Split.Train).ToList();
        var prevalence = dataset.Vocabulary.Names.ToDictionary(l => l, l => train.Count == 0 ? 0 : (double)train.Count(i => i.Has(l)) / train.Count);
        return (new Dictionary<string, string> { ["dataset"] = context.Run.Relative(dataset.Root) }, null, prevalence);
    }

    static (Dictionary<string, string>, IReadOnlyList<LabelScore>?, IReadOnlyDictionary<string, double>?) RunGan(AblationJob job, AblationContext context, CancellationToken cancel)
    {
        var run = context.Run;
        var config = run.Settings.Ablation;
        var data = run.DoneResult(AblationPlan.DataJobId);
        string dataset = run.Absolute(data.Outputs["dataset"]);
        var spec = config.Generators.Single(g => g.Name == job.Generator);
        string folder = run.JobFolder(job.Id);
        var gan = spec.Gan with { Data = dataset, Out = folder };
        var runtime = context.Runtime.WithSeed(job.Seed);
        var trained = GanTrainer.Train(new GanTrainingRequest(gan, ResumableRun(folder), context.CreatedBy), runtime, context.Reporter, cancel);
        if (trained.Cancelled) throw new OperationCanceledException(cancel);

        var labels = SyntheticLabels(config, data.TrainPrevalence ?? throw new UserError($"{run.ResultFile(AblationPlan.DataJobId)}: no train prevalence"));
        string synthetic = Path.Combine(folder, "synthetic");
        var request = new SampleRequest(trained.RunFolder, [.. labels.Select(l => (IReadOnlyList<string>)[l])], config.SyntheticPerLabel, synthetic,
            Seed: SeedDerivation.Derive(job.Seed, "ablation-sample"), Force: true, CreatedBy: context.CreatedBy);
        GanSampler.Sample(request, runtime.Device, context.Reporter);
        return (new Dictionary<string, string> { ["gan"] = run.Relative(trained.RunFolder), ["synthetic"] = run.Relative(synthetic) }, null, null);
    }

    static (Dictionary<string, string>, IReadOnlyList<LabelScore>?, IReadOnlyDictionary<string, double>?) RunCell(AblationJob job, AblationContext context, CancellationToken cancel)
    {
        var run = context.Run;
        var settings = run.Settings;
        var arm = settings.Ablation.Arms.Single(a => a.Name == job.Arm);
        var data = run.DoneResult(AblationPlan.DataJobId);
        var real = Dataset.Load(run.Absolute(data.Outputs["dataset"]));
        string folder = run.JobFolder(job.Id);
        var outputs = new Dictionary<string, string>();

        // 1. Training data: the real dataset, or a balanced copy of its manifest (synthetic or duplicated rows added to train).
        string trainingData = real.Root;
        if (arm.Balances)
        {
            var prevalence = data.TrainPrevalence ?? throw new UserError($"{run.ResultFile(AblationPlan.DataJobId)}: no train prevalence");
            var sources = new List<Dataset>();
            if (arm.Generator is { } generator)
            {
                var gan = run.DoneResult(job.DependsOn.Single(d => d != AblationPlan.DataJobId));
                sources.Add(Dataset.Load(run.Absolute(gan.Outputs["synthetic"])));
            }
            var defaults = new BalanceConfig();
            var balance = new BalanceConfig
            {
                Strategy = arm.Strategy ?? BalanceStrategy.TargetCount,
                Labels = [.. SyntheticLabels(settings.Ablation, prevalence)],
                Target = arm.Target ?? defaults.Target,
                Ratio = arm.Ratio ?? defaults.Ratio,
                Seed = SeedDerivation.Derive(job.Seed, "ablation-balance") & long.MaxValue,
            }.EnsureValid();
            var plan = Balancer.Plan(real, sources, balance);
            trainingData = Path.Combine(folder, "data");
            Balancer.Apply(plan, trainingData, context.CreatedBy, overwrite: true);
            outputs["balance"] = run.Relative(Path.Combine(trainingData, Balancer.ReportFolder));
        }
        outputs["dataset"] = run.Relative(trainingData);

        // 2. The classifier, seeded by the cell, resumed when an earlier attempt left a snapshot.
        var classifier = settings.Classifier with
        {
            Data = trainingData,
            Out = Path.Combine(folder, "classifier"),
            Loss = arm.Loss ?? settings.Classifier.Loss,
            Sampling = arm.Sampling ?? settings.Classifier.Sampling,
        };
        var runtime = context.Runtime.WithSeed(job.Seed);
        var trained = ClassifierTrainer.Train(new ClassifierTrainingRequest(classifier, ResumableRun(classifier.Out), context.CreatedBy), runtime, context.Reporter, cancel);
        if (trained.Cancelled) throw new OperationCanceledException(cancel);
        outputs["classifier"] = run.Relative(trained.RunFolder);

        // 3. Scores on the real test split, kept whole (the summary recomputes everything from these predictions).
        using var model = TrainedClassifier.Load(trained.RunFolder, runtime.Device);
        var predictions = model.Predict(real, Split.Test, runtime.Device, context.Reporter);
        string predictionsFile = Path.Combine(folder, "predictions-test.csv");
        predictions.Write(predictionsFile);
        outputs["predictions"] = run.Relative(predictionsFile);
        return (outputs, Score(predictions), null);
    }

    static (Dictionary<string, string>, IReadOnlyList<LabelScore>?, IReadOnlyDictionary<string, double>?) RunDetect(AblationJob job, AblationContext context, CancellationToken cancel)
    {
        var run = context.Run;
        var settings = run.Settings;
        var arm = settings.Ablation.DetectionArms.Single(a => a.Name == job.Arm);
        var real = Dataset.Load(run.Absolute(run.DoneResult(AblationPlan.DataJobId).Outputs["dataset"]));
        string folder = run.JobFolder(job.Id);
        var outputs = new Dictionary<string, string>();

        // 1. Training data: real boxes; or real + disease-free images with pasted lesion patches, real crops or a
        //    lesion-patch GAN's (boxes emitted); or real + a generator's full images boxed by the baseline's detector.
        string trainingData = real.Root;
        var ablation = settings.Ablation;
        if (arm.Augmentation is DetectionAugmentation.LesionPaste or DetectionAugmentation.PatchGan)
        {
            trainingData = Path.Combine(folder, "data");
            var blend = new Detect.Synthesis.BlendConfig { PerClass = arm.PerClass, Classes = settings.Detector.Classes };
            using var gan = arm.Augmentation == DetectionAugmentation.PatchGan
                ? Detect.Synthesis.GanPatches.Load(run.Absolute(run.DoneResult(AblationPlan.PatchGanJobId(arm.Name, AblationPlan.GanSeedFor(ablation, job.Seed))).Outputs["gan"]), context.Runtime.Device)
                : null;
            Detect.Synthesis.ILesionPatchSource patches = gan is not null ? gan : new Detect.Synthesis.RealCropPatches(real);
            if (gan is not null) blend = blend with { Margin = arm.CropMargin };
            Detect.Synthesis.LesionPatchBlender.Apply(real, patches, blend, trainingData,
                SeedDerivation.Derive(job.Seed, "ablation-blend"), context.CreatedBy, context.Reporter, overwrite: true);
        }
        else if (arm.Augmentation == DetectionAugmentation.PseudoBoxes)
        {
            trainingData = Path.Combine(folder, "data");
            string generator = run.Absolute(run.DoneResult(AblationPlan.GanJobId(arm.Generator!, AblationPlan.GanSeedFor(ablation, job.Seed))).Outputs["gan"]);
            string baseline = run.Absolute(run.DoneResult(AblationPlan.DetectId(ablation.DetectionBaseline, job.Seed)).Outputs["detector"]);
            using var labeller = Detect.Evaluation.TrainedDetector.Load(baseline, context.Runtime.Device);
            var pseudo = Detect.Synthesis.PseudoBoxes.Apply(real, generator, labeller, arm.PerClass, arm.PseudoMinScore, trainingData,
                SeedDerivation.Derive(job.Seed, "ablation-pseudo"), context.CreatedBy, context.Runtime.Device, context.Reporter, overwrite: true);
            outputs["pseudo_kept"] = pseudo.Kept.Values.Sum().ToString(CultureInfo.InvariantCulture);
            outputs["pseudo_sampled"] = pseudo.Sampled.Values.Sum().ToString(CultureInfo.InvariantCulture);
            outputs["pseudo_boxes"] = pseudo.Boxes.ToString(CultureInfo.InvariantCulture);
        }
        outputs["dataset"] = run.Relative(trainingData);

        // 2. The detector, seeded by the cell, resumed from an interrupted attempt's snapshot.
        var config = settings.Detector with { Data = trainingData, Out = Path.Combine(folder, "detector") };
        var runtime = context.Runtime.WithSeed(job.Seed);
        var trained = Detect.Training.DetectorTrainer.Train(new Detect.Training.DetectorTrainingRequest(config, ResumableRun(config.Out), context.CreatedBy),
            runtime, context.Reporter, cancel);
        if (trained.Cancelled) throw new OperationCanceledException(cancel);
        outputs["detector"] = run.Relative(trained.RunFolder);

        // 3. Boxes on every real test image, kept whole for the summary.
        using var detector = Detect.Evaluation.TrainedDetector.Load(trained.RunFolder, runtime.Device);
        var predictions = detector.Predict(real, Split.Test, runtime.Device, context.Reporter, allImages: true);
        predictions.Write(Path.Combine(folder, "predictions-test.csv"));
        var images = predictions.Predicted.Select((p, i) => new Evaluate.Detection.DetectionImage(predictions.Truth[i],
            [.. p.Where(d => d.Score >= config.MinScore)])).ToList();
        string file = Path.Combine(folder, "detections-test.json");
        new DetectionFile(predictions.Classes, [.. predictions.Images.Select(i => i.Id)], predictions.PatientIds, images).Write(file);
        outputs["detections"] = run.Relative(file);
        return (outputs, null, null);
    }

    /// <summary>A patch-gan detection arm's lesion-patch GAN: crops around the real training boxes, then a GAN on them (resumed from its snapshot).</summary>
    static (Dictionary<string, string>, IReadOnlyList<LabelScore>?, IReadOnlyDictionary<string, double>?) RunPatchGan(AblationJob job, AblationContext context, CancellationToken cancel)
    {
        var run = context.Run;
        var settings = run.Settings;
        var arm = settings.Ablation.DetectionArms.Single(a => a.Name == job.Arm);
        var real = Dataset.Load(run.Absolute(run.DoneResult(AblationPlan.DataJobId).Outputs["dataset"]));
        string folder = run.JobFolder(job.Id), crops = Path.Combine(folder, "crops");
        // The crops are deterministic; their geometry file is written last, so its presence means they are complete.
        if (!File.Exists(Path.Combine(crops, Detect.Synthesis.LesionCrops.GeometryFile)))
            Detect.Synthesis.LesionCrops.Write(real, new Detect.Synthesis.LesionCropConfig { Size = arm.PatchGan.Resolution, Margin = arm.CropMargin, Classes = settings.Detector.Classes },
                crops, context.CreatedBy, context.Reporter, overwrite: true);
        var gan = arm.PatchGan with { Data = crops, Out = Path.Combine(folder, "gan") };
        var runtime = context.Runtime.WithSeed(job.Seed);
        var trained = GanTrainer.Train(new GanTrainingRequest(gan, ResumableRun(gan.Out), context.CreatedBy), runtime, context.Reporter, cancel);
        if (trained.Cancelled) throw new OperationCanceledException(cancel);
        return (new Dictionary<string, string> { ["crops"] = run.Relative(crops), ["gan"] = run.Relative(trained.RunFolder) }, null, null);
    }

    /// <summary>Per-label AUROC and AUPRC of <paramref name="predictions"/> over the images whose label is known.</summary>
    public static IReadOnlyList<LabelScore> Score(Predictions predictions)
    {
        var scores = new List<LabelScore>(predictions.Labels.Count);
        for (int l = 0; l < predictions.Labels.Count; l++)
        {
            int[] known = LabelMatrix.Known(LabelMatrix.Column(predictions.Truth, l));
            double[] s = [.. known.Select(i => predictions.Probabilities[i, l])];
            bool[] truth = [.. known.Select(i => predictions.Truth[i, l] == 1.0)];
            int positives = truth.Count(t => t);
            double auroc = positives == 0 || positives == truth.Length ? double.NaN : Auroc.Compute(s, truth);
            double auprc = positives == 0 ? double.NaN : Auprc.Compute(s, truth);
            scores.Add(new LabelScore(predictions.Labels[l], positives, truth.Length - positives, auroc, auprc));
        }
        return scores;
    }

    /// <summary>
    /// The run an interrupted attempt left under <paramref name="parent"/> (newest numbered folder with a snapshot), to
    /// resume; a run folder without any snapshot (killed while starting) is removed so a fresh one starts.
    /// </summary>
    static string? ResumableRun(string parent)
    {
        if (!Directory.Exists(parent)) return null;
        foreach (string folder in Directory.EnumerateDirectories(parent).Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])).OrderDescending(StringComparer.Ordinal))
        {
            string snapshots = Path.Combine(folder, "snapshots");
            if (File.Exists(Path.Combine(folder, "config.yaml")) && Directory.Exists(snapshots) && Directory.EnumerateFiles(snapshots).Any())
                return folder;
            Directory.Delete(folder, recursive: true);
        }
        return null;
    }
}
