using System.ComponentModel;
using XraySynth.Configuration;

namespace XraySynth.Detect;

/// <summary>The <c>detector:</c> section: data, network, optimisation, augmentation, decoding, stopping.</summary>
public sealed record DetectorConfig : IValidatedConfig
{
    /// <summary>YAML section name.</summary>
    public const string Section = "detector";

    [Description("Dataset folder with boxes.csv: trains on its train split, selects on val.")]
    public string? Data { get; init; }

    [Description("Folder that holds run folders.")]
    public string Out { get; init; } = "checkpoints";

    [Description("Detection classes; empty = every label that has a box in the train split, in vocabulary order.")]
    public IReadOnlyList<string> Classes { get; init; } = [];

    [Description("Input size in pixels (the prepared cache's size; a multiple of 32).")]
    [ConfigRange(64, 1024)]
    public int ImageSize { get; init; } = 128;

    [Description("Channels of the first backbone stage (64 = ResNet-18; smaller is faster on a CPU).")]
    [ConfigRange(8, 256)]
    public int Width { get; init; } = 64;

    [Description("Channels of the feature pyramid and the heads.")]
    [ConfigRange(8, 512)]
    public int PyramidChannels { get; init; } = 64;

    [Description("Maximum number of epochs.")]
    [ConfigRange(1, 10_000)]
    public int Epochs { get; init; } = 40;

    [Description("Minibatch size.")]
    [ConfigRange(1, 1024)]
    public int BatchSize { get; init; } = 16;

    [Description("Peak AdamW learning rate.")]
    [ConfigRange(1e-7, 1)]
    public double LearningRate { get; init; } = 1e-3;

    [Description("AdamW decoupled weight decay.")]
    [ConfigRange(0, 1)]
    public double WeightDecay { get; init; } = 1e-4;

    [Description("Epochs of linear learning-rate warm-up before the cosine decay.")]
    [ConfigRange(0, 1000)]
    public double WarmupEpochs { get; init; } = 1;

    [Description("Weight of the L1 loss on log box size.")]
    [ConfigRange(0, 100)]
    public double SizeWeight { get; init; } = 1;

    [Description("Weight of the L1 loss on the centre offset.")]
    [ConfigRange(0, 100)]
    public double OffsetWeight { get; init; } = 1;

    [Description("Random zoom: the crop's side is drawn from [crop_scale_min, 1] of the image (1 = no zoom); boxes follow.")]
    [ConfigRange(0.3, 1)]
    public double CropScaleMin { get; init; } = 0.8;

    [Description("Brightness jitter: shift drawn from ±this fraction of full scale.")]
    [ConfigRange(0, 1)]
    public double Brightness { get; init; } = 0.1;

    [Description("Contrast jitter: factor drawn from 1 ± this.")]
    [ConfigRange(0, 1)]
    public double Contrast { get; init; } = 0.1;

    [Description("Probability of a horizontal flip (0 by default: anatomy is lateralized).")]
    [ConfigRange(0, 1)]
    public double FlipProbability { get; init; }

    [Description("Heatmap peaks decoded per image.")]
    [ConfigRange(1, 1000)]
    public int MaxDetections { get; init; } = 100;

    [Description("Lowest score a decoded box keeps.")]
    [ConfigRange(0, 1)]
    public double MinScore { get; init; } = 0.01;

    [Description("Per-class NMS: a lower-scoring box overlapping a kept one above this IoU is dropped.")]
    [ConfigRange(0, 1)]
    public double NmsIou { get; init; } = 0.5;

    [Description("Stop after this many epochs without a better validation mean AP@0.5.")]
    [ConfigRange(1, 10_000)]
    public int Patience { get; init; } = 8;

    [Description("AdamW with multi-tensor (_foreach) kernels: a few launches a step for all weights instead of ~10 per weight tensor; the same arithmetic (bit for bit on the CPU).")]
    public bool ForeachAdam { get; init; } = true;

    [Description("CUDA only: channels-last layout for weights and batches.")]
    public bool ChannelsLast { get; init; } = true;

    [Description("CUDA only: mixed precision, activations in bfloat16 on fp32 weights (output maps and loss in fp32).")]
    public bool Bf16 { get; init; }

    [Description("CUDA only: TensorFloat-32 matrix math.")]
    public bool Tf32 { get; init; } = true;

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (ImageSize % 32 != 0) yield return ("image_size", $"{ImageSize}: expected a multiple of 32 (the backbone's stride)");
    }
}
