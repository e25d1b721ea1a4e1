using System.ComponentModel;
using XraySynth.Classify.Networks;
using XraySynth.Configuration;
using XraySynth.Data.Loading.Augmentations;

namespace XraySynth.Classify;

/// <summary>Loss used to train the multi-label classifier.</summary>
public enum ClassifierLoss
{
    /// <summary>Binary cross-entropy per label.</summary>
    Bce,
    /// <summary>Binary cross-entropy with pos_weight = negatives / positives per label (class-weighted).</summary>
    WeightedBce,
    /// <summary>Focal loss (Lin et al. 2017).</summary>
    Focal,
}

/// <summary>How training batches are drawn.</summary>
public enum ClassifierSampling
{
    /// <summary>Every training image once per epoch, shuffled.</summary>
    Uniform,
    /// <summary>With replacement, weighted so every label (and No Finding) is drawn equally often.</summary>
    LabelBalanced,
}

/// <summary>The <c>classifier:</c> section: architecture, data, optimisation, loss, augmentation, stopping.</summary>
public sealed record ClassifierConfig : IValidatedConfig
{
    /// <summary>YAML section name.</summary>
    public const string Section = "classifier";

    [Description("Network: resnet18, resnet50 or densenet121 (CheXNet's).")]
    public ClassifierArchitecture Architecture { get; init; } = ClassifierArchitecture.ResNet18;

    [Description("Dataset folder: trains on its train split (real and merged synthetic rows), selects on val.")]
    public string? Data { get; init; }

    [Description("Folder that holds run folders.")]
    public string Out { get; init; } = "checkpoints";

    [Description("Input size in pixels (the prepared cache's size).")]
    [ConfigRange(32, 1024)]
    public int ImageSize { get; init; } = 64;

    [Description("Maximum number of epochs.")]
    [ConfigRange(1, 10_000)]
    public int Epochs { get; init; } = 30;

    [Description("Minibatch size.")]
    [ConfigRange(2, 4096)]
    public int BatchSize { get; init; } = 32;

    [Description("Peak AdamW learning rate.")]
    [ConfigRange(1e-7, 1)]
    public double LearningRate { get; init; } = 1e-3;

    [Description("AdamW decoupled weight decay.")]
    [ConfigRange(0, 1)]
    public double WeightDecay { get; init; } = 1e-4;

    [Description("Epochs of linear learning-rate warm-up before the cosine decay.")]
    [ConfigRange(0, 1000)]
    public double WarmupEpochs { get; init; } = 1;

    [Description("Loss: bce, weighted-bce (pos_weight from train prevalence) or focal.")]
    public ClassifierLoss Loss { get; init; } = ClassifierLoss.Bce;

    [Description("Focal loss alpha (weight of positives).")]
    [ConfigRange(0, 1)]
    public double FocalAlpha { get; init; } = 0.25;

    [Description("Focal loss gamma (focusing).")]
    [ConfigRange(0, 10)]
    public double FocalGamma { get; init; } = 2;

    [Description("Batch sampling: uniform or label-balanced.")]
    public ClassifierSampling Sampling { get; init; } = ClassifierSampling.Uniform;

    [Description("Training augmentation (no horizontal flip by default: anatomy is lateralized).")]
    public AugmentationConfig Augmentation { get; init; } = new() { CropScaleMin = 0.8, CropRatioMin = 0.9, RotationDegrees = 7, Brightness = 0.1, Contrast = 0.1 };

    [Description("Stop after this many epochs without a better validation mean AUROC.")]
    [ConfigRange(1, 10_000)]
    public int Patience { get; init; } = 6;

    [Description("Loader threads decoding and augmenting batches.")]
    [ConfigRange(1, 64)]
    public int Workers { get; init; } = 2;

    [Description("AdamW with multi-tensor (_foreach) kernels: a few launches a step for all weights instead of ~10 per weight tensor; the same arithmetic (bit for bit on the CPU).")]
    public bool ForeachAdam { get; init; } = true;

    [Description("CUDA only: channels-last layout for weights and batches.")]
    public bool ChannelsLast { get; init; } = true;

    [Description("CUDA only: mixed precision, activations in bfloat16 on fp32 weights (pooling, linear layer and loss in fp32).")]
    public bool Bf16 { get; init; }

    [Description("CUDA only: TensorFloat-32 matrix math (faster; about 10 bits of mantissa).")]
    public bool Tf32 { get; init; } = true;

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate() => Augmentation.Validate().Select(p => ("augmentation." + p.Key, p.Message));
}
