using System.ComponentModel;
using XraySynth.Configuration;
using XraySynth.Gan;
using XraySynth.Gan.Dcgan;

namespace XraySynth.Experiments.Ablation;

/// <summary>How a detection arm changes the detector's training data.</summary>
public enum DetectionAugmentation
{
    /// <summary>Real training images and boxes only.</summary>
    None,
    /// <summary>
    /// Plus disease-free training images with one lesion patch each (crops around real training boxes) pasted at a real
    /// box's relative position and size, feathered and brightness-matched, the box emitted (Detect/Synthesis).
    /// </summary>
    LesionPaste,
    /// <summary>
    /// As <see cref="LesionPaste"/>, but the patches come from a lesion-patch GAN: a class-conditional GAN trained (per
    /// seed, its own job) on crops around the real training boxes.
    /// </summary>
    PatchGan,
    /// <summary>
    /// Plus full synthetic images from one of the ablation's generators, boxed by the real-only detector of the same
    /// seed (pseudo-labels above <see cref="DetectionArmSpec.PseudoMinScore"/>; images without such a box are dropped).
    /// </summary>
    PseudoBoxes,
}

/// <summary>One detection arm: a detector trained (per seed) on the arm's data and scored on the real test boxes.</summary>
public sealed record DetectionArmSpec : IValidatedConfig
{
    /// <summary>Arm name, e.g. <c>real-only</c>, <c>lesion-paste</c>.</summary>
    [Description("Detection arm name, e.g. real-only, lesion-paste, patch-gan or pseudo-boxes.")]
    public string Name { get; init; } = "";

    /// <summary>What is added to the detector's training data.</summary>
    [Description("Added training data: none; lesion-paste (real lesion crops blended into disease-free images, boxes emitted); patch-gan (the same with a lesion-patch GAN's patches); pseudo-boxes (a generator's full images boxed by the real-only detector).")]
    public DetectionAugmentation Augmentation { get; init; } = DetectionAugmentation.None;

    /// <summary>New images per class for the augmenting arms.</summary>
    [Description("New training images per boxed class (lesion-paste, patch-gan: blended images; pseudo-boxes: images sampled before filtering).")]
    [ConfigRange(1, 1_000_000)]
    public int PerClass { get; init; } = 100;

    /// <summary>The lesion-patch GAN of a <see cref="DetectionAugmentation.PatchGan"/> arm (its data and output folders are set by the runner).</summary>
    [Description("patch-gan: the lesion-patch GAN, trained on crops around the real training boxes at its resolution (DCGAN: 32, 64 or 128 px).")]
    public GanConfig PatchGan { get; init; } = DefaultPatchGan;

    /// <summary>Context kept around each box in the patch GAN's crops.</summary>
    [Description("patch-gan: context on each side of a box in its crop, as a fraction of the box's width and height.")]
    [ConfigRange(0.05, 2)]
    public double CropMargin { get; init; } = 0.4;

    /// <summary>The generator (from the ablation's <c>generators</c>) a <see cref="DetectionAugmentation.PseudoBoxes"/> arm samples.</summary>
    [Description("pseudo-boxes: name of one of the ablation's generators to sample full images from.")]
    public string? Generator { get; init; }

    /// <summary>Smallest detector score a pseudo-box must reach.</summary>
    [Description("pseudo-boxes: smallest score of the real-only detector's box (of the sampled class) kept as a pseudo-label.")]
    [ConfigRange(0, 1)]
    public double PseudoMinScore { get; init; } = 0.3;

    /// <summary>The default lesion-patch GAN: a small conditional DCGAN at 32 px (crops are small; it trains in minutes on a GPU).</summary>
    public static GanConfig DefaultPatchGan => new()
    {
        Kind = GanKind.Dcgan, Kimg = 100, BatchSize = 64,
        Dcgan = new DcganArchitecture { Resolution = 32, LatentSize = 64, GeneratorFeatures = 32, DiscriminatorFeatures = 32, LabelEmbedding = 16 },
        LearningRate = 0.0002, Beta1 = 0.5, Beta2 = 0.999, EmaHalfLifeKimg = 5, SnapshotKimg = 10, SampleKimg = 10,
    };

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (!RunNames.IsValid(Name)) yield return ("name", $"'{Name}': expected a non-empty name of letters, digits, '-', '_' or '.'");
        if (Augmentation == DetectionAugmentation.PseudoBoxes && string.IsNullOrEmpty(Generator))
            yield return ("generator", $"detection arm '{Name}' (pseudo-boxes) needs generator: one of the ablation's generators");
        if (Augmentation != DetectionAugmentation.PseudoBoxes && Generator is not null)
            yield return ("generator", $"detection arm '{Name}': generator is only used by pseudo-boxes arms");
    }
}
