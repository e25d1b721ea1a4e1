using XraySynth.Balance;
using XraySynth.Classify;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Cache;
using XraySynth.Data.Checks;
using XraySynth.Data.Phantom;
using XraySynth.Data.Splitting;
using XraySynth.Data.Stats;
using XraySynth.Experiments.Ablation;
using XraySynth.Gan;
using XraySynth.Torch;

namespace XraySynth.Experiments;

/// <summary>What <see cref="Quickstart.Run"/> produced.</summary>
/// <param name="Dataset">The phantom dataset folder.</param>
/// <param name="ReportFolder">Where figures and tables went.</param>
/// <param name="Steps">One line per step, in order, saying what it did or that it was already done.</param>
/// <param name="Summary">The ablation summary (real-only vs real + synthetic over the seeds), when the run got that far.</param>
/// <param name="AblationRun">The ablation run folder, when the run got that far.</param>
public sealed record QuickstartResult(string Dataset, string ReportFolder, IReadOnlyList<string> Steps, AblationSummaryResult? Summary = null, string? AblationRun = null);

/// <summary>
/// The one-command experiment on the embedded phantom: generate, split (patient-disjoint, stratified), check,
/// describe and prepare the data; then a two-arm ablation (real only; real + synthetic images from a conditional DCGAN
/// for the labels below the median count, balanced into train) over <see cref="QuickstartConfig.ClassifierSeeds"/>
/// seeds, its summary (per-label AUROC gain with CIs over patients pooled over seeds, DeLong + Holm) and its report.
/// Finished steps and jobs are not redone, so an interrupted quickstart continues where it stopped.
/// </summary>
public static class Quickstart
{
    /// <summary>Name of the quickstart's ablation run (under <see cref="QuickstartConfig.RunsFolder"/>).</summary>
    public const string RunName = "quickstart";

    /// <summary>Runs the data steps only (no torch): generate, split, check, describe, prepare.</summary>
    public static QuickstartResult RunData(QuickstartConfig config, string createdBy, IReporter reporter) => RunData(config, createdBy, reporter, []);

    /// <summary>
    /// Runs every step: data, then the ablation (DCGAN, synthetic images, balancing, classifiers of both arms for every
    /// seed, test predictions), its summary and its report. <paramref name="createdBy"/> is the command line.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled; finished jobs are kept.</exception>
    public static QuickstartResult Run(QuickstartConfig config, string createdBy, TorchRuntime runtime, IReporter reporter, CancellationToken cancel = default)
    {
        var steps = new List<string>();
        RunData(config, createdBy, reporter, steps);
        void Step(string line) { steps.Add(line); reporter.Info(line); }

        var run = AblationRun.CreateOrContinue(Settings(config, Dataset.Load(config.DataFolder)));
        var outcome = AblationExecutor.RunLocal(new AblationContext(run, runtime, reporter, createdBy, GitCommit.Describe()), cancel);
        if (outcome.Cancelled) throw new OperationCanceledException(cancel);
        if (outcome.Failed.Count > 0) throw new UserError($"quickstart: job {outcome.Failed[0].Id} failed: {outcome.Failed[0].Error}");
        Step(outcome.Ran.Count == 0
            ? $"ablate: all {outcome.Skipped.Count} jobs of {run.Path} already done, kept"
            : $"ablate: {outcome.Ran.Count} jobs run ({string.Join(", ", outcome.Ran)}), {outcome.Skipped.Count} kept, in {run.Path}");

        var summary = AblationSummary.Compute(run);
        AblationSummary.WriteCsv(summary, Path.Combine(run.Path, "summary.csv"));
        Step($"summary: per-label AUROC and AUPRC gains of real + synthetic over real only in {Path.Combine(run.Path, "summary.csv")}");
        AblationReport.Write(run, summary, config.ReportFolder, reporter);
        Step($"report: {Path.GetFullPath(Path.Combine(config.ReportFolder, "report.html"))} (report.md, figures/, tables/)");
        return new QuickstartResult(config.DataFolder, config.ReportFolder, steps, summary, run.Path);
    }

    /// <summary>
    /// The quickstart's ablation: real only vs real + DCGAN synthetic images (target-count balancing of the labels below
    /// the median train count) over <see cref="QuickstartConfig.ClassifierSeeds"/> seeds, one GAN shared by all seeds.
    /// </summary>
    public static AblationSettings Settings(QuickstartConfig config, Dataset real)
    {
        var train = real.InSplit(Split.Train).ToList();
        var counts = real.Vocabulary.Names.Select(l => train.Count(i => i.Has(l))).ToArray();
        double median = counts.Order().ElementAt(counts.Length / 2);
        var rare = real.Vocabulary.Names.Where((_, i) => counts[i] < median).ToList();
        // A conditional DCGAN (projection discriminator): on a 2-core CPU it shows lungs, ribs and a heart shadow
        // (larger with Cardiomegaly) by about 20 kimg at 64 px, faster than the progressive GAN gets there.
        var gan = new GanConfig
        {
            Kind = GanKind.Dcgan, Kimg = config.GanKimg, BatchSize = 64,
            Dcgan = new Gan.Dcgan.DcganArchitecture { Resolution = config.TrainingSize, LatentSize = 64, GeneratorFeatures = 32, DiscriminatorFeatures = 32, LabelEmbedding = 16 },
            LearningRate = 0.0002, Beta1 = 0.5, Beta2 = 0.999, EmaHalfLifeKimg = Math.Max(0.1, config.GanKimg / 15),
            SnapshotKimg = Math.Max(0.05, config.GanKimg / 4), SampleKimg = Math.Max(0.05, config.GanKimg / 6),
        };
        var ablation = new AblationConfig
        {
            Name = RunName, Data = config.DataFolder, Out = config.RunsFolder,
            Seeds = [.. Enumerable.Range(0, config.ClassifierSeeds).Select(k => config.Seed + k)],
            Baseline = "real-only",
            RarePrevalence = train.Count == 0 ? 0 : median / train.Count,
            SyntheticLabels = rare, SyntheticPerLabel = config.SyntheticPerLabel, GanPerSeed = false, Bootstrap = config.Bootstrap, BootstrapMethod = config.BootstrapMethod,
            Generators = [new GeneratorSpec { Name = "dcgan", Gan = gan }],
            Arms = [new ArmSpec { Name = "real-only" }, new ArmSpec { Name = "with-dcgan", Generator = "dcgan", Strategy = BalanceStrategy.TargetCount, Target = config.BalanceTarget }],
        };
        var classifier = new ClassifierConfig { ImageSize = config.TrainingSize, Epochs = config.ClassifierEpochs, Workers = 2 };
        return new AblationSettings(ablation, classifier, null, new SplitConfig { Seed = config.Seed }, new Ablation.Slurm.SlurmConfig(), new Detect.DetectorConfig()).Resolved();
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
