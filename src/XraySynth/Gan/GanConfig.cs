using System.ComponentModel;
using XraySynth.Configuration;
using XraySynth.Gan.Dcgan;
using XraySynth.Gan.Pggan;

namespace XraySynth.Gan;

/// <summary>The <c>gan:</c> section: what to train, on which data, for how long, and how to keep the run safe.</summary>
public sealed record GanConfig : IValidatedConfig
{
    /// <summary>YAML section name.</summary>
    public const string Section = "gan";

    [Description("Generator family: pggan or dcgan.")]
    public GanKind Kind { get; init; } = GanKind.Pggan;

    [Description("PGGAN architecture (used when kind is pggan).")]
    public PgganArchitecture Pggan { get; init; } = new();

    [Description("DCGAN architecture (used when kind is dcgan).")]
    public DcganArchitecture Dcgan { get; init; } = new();

    [Description("Dataset folder to train on (its train split).")]
    public string? Data { get; init; }

    [Description("Folder that holds run folders.")]
    public string Out { get; init; } = "checkpoints";

    [Description("Total training length in thousands of real images shown to the discriminator (a PGGAN needs at least log2(resolution / 4) × (fade_kimg + stable_kimg) to finish growing: 240 at the defaults).")]
    [ConfigRange(0.001, 1_000_000)]
    public double Kimg { get; init; } = 300;

    [Description("Images the GAN trains on: all, subset (images with one of 'labels') or balanced (each label equally often).")]
    public LabelFocus Focus { get; init; } = LabelFocus.All;

    [Description("Labels for focus: subset.")]
    public IReadOnlyList<string> Labels { get; init; } = [];

    [Description("PGGAN: thousands of images over which each new resolution fades in.")]
    [ConfigRange(0, 100_000)]
    public double FadeKimg { get; init; } = 30;

    [Description("PGGAN: thousands of images trained at each resolution after its fade-in (the last resolution trains until kimg).")]
    [ConfigRange(0, 100_000)]
    public double StableKimg { get; init; } = 30;

    [Description("Minibatch size per resolution, e.g. {\"4\": 64, \"128\": 16}; resolutions not listed use batch_size.")]
    public IReadOnlyDictionary<string, int> BatchSizes { get; init; } = new Dictionary<string, int>();

    [Description("Minibatch size where batch_sizes names none.")]
    [ConfigRange(2, 4096)]
    public int BatchSize { get; init; } = 32;

    [Description("Adam learning rate (PGGAN paper: 0.001; DCGAN paper: 0.0002).")]
    [ConfigRange(1e-7, 1)]
    public double LearningRate { get; init; } = 0.001;

    [Description("Adam beta1 (PGGAN: 0; DCGAN: 0.5).")]
    [ConfigRange(0, 0.9999)]
    public double Beta1 { get; init; }

    [Description("Adam beta2 (PGGAN: 0.99; DCGAN: 0.999).")]
    [ConfigRange(0, 0.99999)]
    public double Beta2 { get; init; } = 0.99;

    [Description("WGAN-GP gradient penalty weight lambda (PGGAN only).")]
    [ConfigRange(0, 1000)]
    public double GradientPenalty { get; init; } = 10;

    [Description("Epsilon drift penalty on real scores (PGGAN only).")]
    [ConfigRange(0, 1)]
    public double Drift { get; init; } = 0.001;

    [Description("Half-life of the generator's exponential moving average, in thousands of images (0 = no averaging).")]
    [ConfigRange(0, 1000)]
    public double EmaHalfLifeKimg { get; init; } = 10;

    [Description("Write a snapshot every this many thousand images.")]
    [ConfigRange(0.001, 100_000)]
    public double SnapshotKimg { get; init; } = 10;

    [Description("Snapshots kept (older ones are deleted).")]
    [ConfigRange(1, 1000)]
    public int KeepSnapshots { get; init; } = 3;

    [Description("Write a sample grid every this many thousand images.")]
    [ConfigRange(0.001, 100_000)]
    public double SampleKimg { get; init; } = 5;

    [Description("Track FID and KID on raw-pixel features every this many thousand images into quality.csv (0 = off; costs one generation of quality_images).")]
    [ConfigRange(0, 100_000)]
    public double QualityKimg { get; init; }

    [Description("Generated (and at most this many real training) images per quality measurement.")]
    [ConfigRange(10, 100_000)]
    public int QualityImages { get; init; } = 500;

    [Description("Samples per label row in the grid.")]
    [ConfigRange(1, 32)]
    public int GridColumns { get; init; } = 6;

    [Description("Log losses (one device sync) every this many steps.")]
    [ConfigRange(1, 100_000)]
    public int LogEverySteps { get; init; } = 20;

    [Description("Also log whenever another this many thousand images have been shown (0 = by steps only): a short run with large batches (PGGAN's 256 at 4 px) still gets a curve in log.csv and losses in its progress line.")]
    [ConfigRange(0, 100_000)]
    public double LogKimg { get; init; } = 0.25;

    [Description("On NaN/Inf: multiply the learning rate by this factor after rolling back to the last snapshot.")]
    [ConfigRange(0.01, 1)]
    public double RollbackLearningRateFactor { get; init; } = 0.5;

    [Description("Give up after this many rollbacks.")]
    [ConfigRange(0, 100)]
    public int MaxRollbacks { get; init; } = 3;

    [Description("CUDA only: run both networks in bfloat16 on fp32 master weights (PGGAN only).")]
    public bool Bf16 { get; init; }

    [Description("CUDA only: channels-last memory layout for weights and batches.")]
    public bool ChannelsLast { get; init; }

    [Description("Adam with multi-tensor (_foreach) kernels: a few launches a step for all weights instead of ~10 per weight tensor; the same arithmetic (bit for bit on the CPU).")]
    public bool ForeachAdam { get; init; } = true;

    [Description("Batches prepared ahead on a background thread.")]
    [ConfigRange(0, 64)]
    public int Prefetch { get; init; } = 4;

    /// <summary>Final resolution of the chosen architecture.</summary>
    public int Resolution => Kind == GanKind.Pggan ? Pggan.Resolution : Dcgan.Resolution;

    /// <summary>Latent size of the chosen architecture.</summary>
    public int LatentSize => Kind == GanKind.Pggan ? Pggan.LatentSize : Dcgan.LatentSize;

    /// <summary>The minibatch size at <paramref name="resolution"/>.</summary>
    public int BatchAt(int resolution) =>
        BatchSizes.TryGetValue(resolution.ToString(System.Globalization.CultureInfo.InvariantCulture), out int b) ? b : BatchSize;

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Focus == LabelFocus.Subset && Labels.Count == 0) yield return ("labels", "focus: subset needs at least one label");
        foreach (var (key, value) in BatchSizes)
        {
            if (!int.TryParse(key, out int r) || r < 4 || (r & (r - 1)) != 0) yield return ("batch_sizes", $"'{key}' is not a resolution (4, 8, 16, ...)");
            if (value < 2) yield return ("batch_sizes", $"batch size {value} at {key}: expected 2 or more");
        }
    }
}
