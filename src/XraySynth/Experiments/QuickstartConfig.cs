using System.ComponentModel;
using XraySynth.Configuration;
using XraySynth.Evaluate;

namespace XraySynth.Experiments;

/// <summary>The <c>quickstart:</c> section: the whole pipeline on the embedded phantom, sized for a 2-core CPU.</summary>
public sealed record QuickstartConfig : IValidatedConfig
{
    /// <summary>YAML section name.</summary>
    public const string Section = "quickstart";

    [Description("Folder for the quickstart's phantom dataset.")]
    public string DataFolder { get; init; } = "generated/quickstart/phantom";

    [Description("Folder for the quickstart's figures and tables.")]
    public string ReportFolder { get; init; } = "reports/quickstart";

    [Description("Phantom images to generate.")]
    [ConfigRange(100, 1_000_000)]
    public int Images { get; init; } = 2000;

    [Description("Phantom image size in pixels.")]
    [ConfigRange(32, 1024)]
    public int ImageSize { get; init; } = 128;

    [Description("Training resolution: the prepared cache's size.")]
    [ConfigRange(8, 1024)]
    public int TrainingSize { get; init; } = 64;

    [Description("GAN (conditional DCGAN) training length in thousands of images.")]
    [ConfigRange(0.1, 100_000)]
    public double GanKimg { get; init; } = 30;

    [Description("Synthetic images sampled for each label below the median count.")]
    [ConfigRange(1, 1_000_000)]
    public int SyntheticPerLabel { get; init; } = 200;

    [Description("Balancer target: real + synthetic positives per rare label in train.")]
    [ConfigRange(1, 1_000_000)]
    public int BalanceTarget { get; init; } = 150;

    [Description("Classifier epochs for each arm (real-only; real + synthetic).")]
    [ConfigRange(1, 1000)]
    public int ClassifierEpochs { get; init; } = 6;

    [Description("Classifier seeds: each arm (real only; real + synthetic) is trained once per seed (seed, seed + 1, ...).")]
    [ConfigRange(1, 100)]
    public int ClassifierSeeds { get; init; } = 2;

    [Description("Bootstrap resamples over patients for the comparison's confidence intervals.")]
    [ConfigRange(100, 100_000)]
    public int Bootstrap { get; init; } = 1000;

    [Description("Confidence intervals of the comparison: percentile, or bca (bias-corrected and accelerated, closer to nominal coverage for labels with few positive patients; needs bootstrap: 1000 or more).")]
    public BootstrapMethod BootstrapMethod { get; init; } = BootstrapMethod.Percentile;

    [Description("Folder for the quickstart's GAN and classifier runs.")]
    public string RunsFolder { get; init; } = "checkpoints/quickstart";

    [Description("Seed of every stage.")]
    [ConfigRange(0, long.MaxValue)]
    public long Seed { get; init; } = 1;

    /// <summary>
    /// The same experiment sized for a GPU (used by <c>quickstart --device cuda</c> when no config file is given): 6,000
    /// images rendered at 256 px and trained at 128 px, a 300-kimg DCGAN, 15 epochs per cell, more synthetic images.
    /// </summary>
    public QuickstartConfig ForGpu() => this with
    {
        Images = Math.Max(Images, 6000), ImageSize = Math.Max(ImageSize, 256), TrainingSize = Math.Max(TrainingSize, 128),
        GanKimg = Math.Max(GanKimg, 300), ClassifierEpochs = Math.Max(ClassifierEpochs, 15),
        SyntheticPerLabel = Math.Max(SyntheticPerLabel, 600), BalanceTarget = Math.Max(BalanceTarget, 450),
        // Default folders get their own names so a CPU quickstart's outputs are neither reused nor refused.
        DataFolder = DataFolder == Defaults.DataFolder ? "generated/quickstart-gpu/phantom" : DataFolder,
        ReportFolder = ReportFolder == Defaults.ReportFolder ? "reports/quickstart-gpu" : ReportFolder,
        RunsFolder = RunsFolder == Defaults.RunsFolder ? "checkpoints/quickstart-gpu" : RunsFolder,
    };

    static readonly QuickstartConfig Defaults = new();

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (BcaLevels.TooFewResamples(BootstrapMethod, Bootstrap))
            yield return ("bootstrap", $"bootstrap_method bca needs at least {BcaLevels.MinimumResamples} resamples (got {Bootstrap})");
    }
}
