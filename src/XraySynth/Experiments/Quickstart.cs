using XraySynth.Balance;
using XraySynth.Classify;
using XraySynth.Classify.Evaluation;
using XraySynth.Classify.Training;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Cache;
using XraySynth.Data.Checks;
using XraySynth.Data.Phantom;
using XraySynth.Data.Splitting;
using XraySynth.Data.Stats;
using XraySynth.Evaluate;
using XraySynth.Gan;
using XraySynth.Gan.Sampling;
using XraySynth.Gan.Training;
using XraySynth.Torch;

namespace XraySynth.Experiments;

/// <summary>What <see cref="Quickstart.Run"/> produced.</summary>
/// <param name="Dataset">The phantom dataset folder.</param>
/// <param name="ReportFolder">Where figures and tables went.</param>
/// <param name="Steps">One line per step, in order, saying what it did or that it was already done.</param>
/// <param name="Comparison">The real+synthetic vs real-only comparison, when the run got that far.</param>
public sealed record QuickstartResult(string Dataset, string ReportFolder, IReadOnlyList<string> Steps, ComparisonResult? Comparison = null);

/// <summary>
/// The one-command experiment on the embedded phantom: generate, split (patient-disjoint, stratified), check,
/// describe and prepare the data, train a conditional DCGAN, sample rare-label images, balance them into train,
/// train a real-only and a real+synthetic classifier, and compare them per label. Steps whose outputs exist and are valid are not redone, so an interrupted
/// quickstart continues where it stopped.
/// </summary>
public static class Quickstart
{
    /// <summary>Runs the data steps only (no torch): generate, split, check, describe, prepare.</summary>
    public static QuickstartResult RunData(QuickstartConfig config, string createdBy, IReporter reporter) => RunData(config, createdBy, reporter, []);

    /// <summary>
    /// Runs every step: data, a conditional DCGAN, synthetic images for the rare labels, the balancer, a real-only and a
    /// real+synthetic classifier, and their paired comparison on the test split. <paramref name="createdBy"/> is the command line.
    /// </summary>
    public static QuickstartResult Run(QuickstartConfig config, string createdBy, TorchRuntime runtime, IReporter reporter, CancellationToken cancel = default)
    {
        var steps = new List<string>();
        RunData(config, createdBy, reporter, steps);
        void Step(string line) { steps.Add(line); reporter.Info(line); }
        Directory.CreateDirectory(config.ReportFolder);
        string statePath = Path.Combine(config.ReportFolder, "quickstart.json");
        var state = QuickstartState.Read(statePath);
        var real = Dataset.Load(config.DataFolder);

        // 6. GAN: a conditional DCGAN on all training images.
        if (state.GanRun is null || !File.Exists(Path.Combine(state.GanRun, "run.json")))
        {
            // A conditional DCGAN (projection discriminator): on a 2-core CPU it shows lungs, ribs and a heart shadow
            // (larger with Cardiomegaly) by about 20 kimg at 64 px, faster than the progressive GAN gets there.
            var gan = new GanConfig
            {
                Kind = GanKind.Dcgan, Data = config.DataFolder, Out = config.RunsFolder, Kimg = config.GanKimg, BatchSize = 64,
                Dcgan = new Gan.Dcgan.DcganArchitecture { Resolution = config.TrainingSize, LatentSize = 64, GeneratorFeatures = 32, DiscriminatorFeatures = 32, LabelEmbedding = 16 },
                LearningRate = 0.0002, Beta1 = 0.5, Beta2 = 0.999, EmaHalfLifeKimg = Math.Max(0.1, config.GanKimg / 15),
                SnapshotKimg = Math.Max(0.05, config.GanKimg / 4), SampleKimg = Math.Max(0.05, config.GanKimg / 6),
            };
            var trained = GanTrainer.Train(new GanTrainingRequest(gan, null, createdBy), runtime, reporter, cancel);
            if (trained.Cancelled) throw new OperationCanceledException();
            state = state with { GanRun = trained.RunFolder };
            state.Write(statePath);
            Step($"gan: trained a conditional DCGAN for {config.GanKimg} kimg in {trained.RunFolder}");
        }
        else Step($"gan: {state.GanRun} kept");

        // 7. Synthetic images for every label below the median training count.
        var counts = real.Vocabulary.Names.Select(l => real.InSplit(Split.Train).Count(i => i.Has(l))).ToArray();
        double median = counts.Order().ElementAt(counts.Length / 2);
        var rare = real.Vocabulary.Names.Where((_, i) => counts[i] < median).ToList();
        string syntheticFolder = Path.Combine(Path.GetDirectoryName(config.DataFolder) ?? ".", "synthetic");
        if (state.Synthetic is null || !File.Exists(Path.Combine(state.Synthetic, Dataset.InfoFileName)))
        {
            var request = new SampleRequest(state.GanRun!, rare.Select(l => (IReadOnlyList<string>)[l]).ToList(), config.SyntheticPerLabel, syntheticFolder,
                Seed: config.Seed, Force: true, CreatedBy: createdBy);
            GanSampler.Sample(request, runtime.Device, reporter);
            state = state with { Synthetic = syntheticFolder };
            state.Write(statePath);
            Step($"gan: sampled {config.SyntheticPerLabel} images for each of {string.Join(", ", rare)} into {syntheticFolder}");
        }
        else Step($"gan: synthetic images in {state.Synthetic} kept");

        // 8. Balance: bring the rare labels to the target with synthetic images (train split only).
        string balancedFolder = Path.Combine(Path.GetDirectoryName(config.DataFolder) ?? ".", "balanced");
        if (state.Balanced is null || !File.Exists(Path.Combine(state.Balanced, Dataset.InfoFileName)))
        {
            var plan = Balancer.Plan(real, [Dataset.Load(state.Synthetic!)], new BalanceConfig { Strategy = BalanceStrategy.TargetCount, Labels = rare, Target = config.BalanceTarget, Seed = config.Seed });
            var balanced = Balancer.Apply(plan, balancedFolder, createdBy, overwrite: true);
            state = state with { Balanced = balancedFolder };
            state.Write(statePath);
            Step($"balance: {balanced.Images.Count - real.Images.Count} synthetic images added to train in {balancedFolder}");
        }
        else Step($"balance: {state.Balanced} kept");

        // 9. Two classifier arms with the same seed: real only, and real + synthetic.
        var classifier = new ClassifierConfig { Out = config.RunsFolder, ImageSize = config.TrainingSize, Epochs = config.ClassifierEpochs, Workers = 2 };
        state = TrainArm(state, s => s.RealRun, (s, run) => s with { RealRun = run }, classifier with { Data = config.DataFolder }, "real only", createdBy, runtime, reporter, statePath, Step, cancel);
        state = TrainArm(state, s => s.SyntheticRun, (s, run) => s with { SyntheticRun = run }, classifier with { Data = state.Balanced }, "real + synthetic", createdBy, runtime, reporter, statePath, Step, cancel);

        // 10. Paired comparison on the real test split: AUROC gain per label with CIs and DeLong p-values.
        string comparisonFolder = Path.Combine(config.ReportFolder, "real-vs-synthetic");
        var comparison = ClassifierEvaluator.Compare(state.RealRun!, state.SyntheticRun!, Split.Test, config.DataFolder, comparisonFolder,
            new BootstrapOptions { Resamples = config.Bootstrap, Seed = config.Seed }, runtime.Device, reporter);
        state = state with { Comparison = comparisonFolder };
        state.Write(statePath);
        Step($"compare: per-label AUROC gain of real + synthetic over real only in {comparisonFolder}/comparison.md");
        return new QuickstartResult(config.DataFolder, config.ReportFolder, steps, comparison);
    }

    static QuickstartState TrainArm(QuickstartState state, Func<QuickstartState, string?> get, Func<QuickstartState, string, QuickstartState> set,
        ClassifierConfig config, string arm, string createdBy, TorchRuntime runtime, IReporter reporter, string statePath, Action<string> step, CancellationToken cancel)
    {
        string? run = get(state);
        if (run is not null && File.Exists(Path.Combine(run, ClassifierTrainer.BestModelFile)))
        {
            step($"classify: {arm} run {run} kept");
            return state;
        }
        runtime.Reseed(runtime.Seed);
        var trained = ClassifierTrainer.Train(new ClassifierTrainingRequest(config, null, createdBy), runtime, reporter, cancel);
        if (trained.Cancelled) throw new OperationCanceledException();
        state = set(state, trained.RunFolder);
        state.Write(statePath);
        step($"classify: {arm}: best validation mean AUROC {trained.State.BestAuroc:0.000} at epoch {trained.State.BestEpoch} in {trained.RunFolder}");
        return state;
    }

    static QuickstartResult RunData(QuickstartConfig config, string createdBy, IReporter reporter, List<string> steps)
    {
        void Step(string line)
        {
            steps.Add(line);
            reporter.Info(line);
        }

        // 1. Data: the phantom, generated once.
        Dataset dataset;
        if (File.Exists(Path.Combine(config.DataFolder, Dataset.InfoFileName)) && File.Exists(Path.Combine(config.DataFolder, DatasetSplitter.RecordFileName)))
        {
            dataset = Dataset.Load(config.DataFolder);
            Step($"data: phantom already in {config.DataFolder} ({dataset.Images.Count} images), kept");
        }
        else
        {
            var phantom = new PhantomConfig { Count = config.Images, Size = config.ImageSize, Seed = config.Seed };
            PhantomGenerator.Generate(phantom, config.DataFolder, createdBy, force: true, reporter);
            // 2. Split: patient-disjoint iterative stratification so every label reaches val and test.
            DatasetSplitter.SplitFolder(config.DataFolder, null, new SplitConfig { Seed = config.Seed }, reporter);
            dataset = Dataset.Load(config.DataFolder);
            Step($"data: generated {dataset.Images.Count} phantom images in {config.DataFolder}, split by patient with stratification");
        }

        // 3. Checks: every later stage trains only on a dataset that passes them.
        DatasetChecks.EnsureValid(dataset, reporter: reporter);
        Step($"data: all checks passed");

        // 4. Stats: tables and figures of label counts per split.
        var (_, files) = StatsReport.Write(dataset, Path.Combine(config.ReportFolder, "data-stats"));
        Step($"data: {files.Count} statistics files in {Path.Combine(config.ReportFolder, "data-stats")}");

        // 5. Prepared cache at the training resolution.
        var prepared = CachePreparer.Prepare(dataset, new PrepareConfig { Size = config.TrainingSize }, reporter);
        Step(prepared.Rebuilt
            ? $"data: prepared {prepared.Count} images at {config.TrainingSize} px"
            : $"data: cache at {config.TrainingSize} px up to date");
        return new QuickstartResult(config.DataFolder, config.ReportFolder, steps);
    }
}
