using static TorchSharp.torch;

namespace XraySynth.Classify.Networks;

/// <summary>
/// A multi-label image classifier split at its last convolutional feature map:
/// <c>forward(x) = Head(Features(x))</c>, where <see cref="Head"/> is global average pooling and a linear layer.
/// The split lets Grad-CAM differentiate the logits with respect to the feature map, and feature-space metrics
/// read the pooled penultimate vector (<see cref="Embed"/>). Outputs are fp32 logits (no sigmoid), also for a
/// bfloat16 input (mixed precision: convolutions cast their fp32 weights to the input's dtype).
/// </summary>
public abstract class ClassifierNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>Number of output logits (labels).</summary>
    public int LabelCount { get; }

    /// <summary>Channels C of the feature map from <see cref="Features"/>, which is also the width D of <see cref="Embed"/>.</summary>
    public long FeatureChannels { get; }

    /// <summary>Smallest input height and width the network accepts.</summary>
    public int MinimumSize { get; }

    /// <summary>Sets the sizes; derived classes build their layers and call <c>RegisterComponents()</c> last.</summary>
    protected ClassifierNetwork(string name, int labelCount, long featureChannels, int minimumSize) : base(name)
    {
        if (labelCount < 1) throw new ArgumentOutOfRangeException(nameof(labelCount), labelCount, "a classifier needs at least one label");
        LabelCount = labelCount;
        FeatureChannels = featureChannels;
        MinimumSize = minimumSize;
    }

    /// <summary>[N, 1, H, W] → [N, L] logits.</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var features = Features(x);                                           // [N, C, h, w]
        return Head(features).MoveToOuterDisposeScope();                      // [N, L]
    }

    /// <summary>The last convolutional feature map before pooling: [N, 1, H, W] → [N, C, h, w] (after its ReLU).</summary>
    public Tensor Features(Tensor x)
    {
        if (x.dim() != 4 || x.shape[1] != 1 || x.shape[2] < MinimumSize || x.shape[3] < MinimumSize)
            throw new ArgumentException(
                $"{GetName()} expects [N, 1, H, W] with H, W ≥ {MinimumSize}, got [{string.Join(", ", x.shape)}]", nameof(x));
        return ComputeFeatures(x);
    }

    /// <summary>The pooled penultimate vector: [N, 1, H, W] → [N, C].</summary>
    public Tensor Embed(Tensor x)
    {
        using var scope = NewDisposeScope();
        var features = Features(x);                                           // [N, C, h, w]
        return Pool(features).MoveToOuterDisposeScope();                      // [N, C]
    }

    /// <summary>Logits from a feature map: [N, C, h, w] → global average pool [N, C] → [N, L].</summary>
    public Tensor Head(Tensor features)
    {
        if (features.dim() != 4 || features.shape[1] != FeatureChannels)
            throw new ArgumentException(
                $"{GetName()}.Head expects [N, {FeatureChannels}, h, w], got [{string.Join(", ", features.shape)}]", nameof(features));
        using var scope = NewDisposeScope();
        var pooled = Pool(features);                                          // [N, C]
        return Classify(pooled).MoveToOuterDisposeScope();                    // [N, L]
    }

    /// <summary>Computes the feature map of an input already checked to be [N, 1, H, W] with H, W ≥ <see cref="MinimumSize"/>.</summary>
    protected abstract Tensor ComputeFeatures(Tensor x);

    /// <summary>The final linear layer: [N, C] → [N, L].</summary>
    protected abstract Tensor Classify(Tensor embedding);

    /// <summary>
    /// Adaptive average pooling to 1×1, flattened: [N, C, h, w] → [N, C], in fp32 (a bfloat16 feature map from a
    /// mixed-precision forward is pooled, then cast, so the linear layer and the loss run in fp32).
    /// </summary>
    static Tensor Pool(Tensor features)
    {
        var pooled = features.mean(new long[] { 2, 3 });
        if (pooled.dtype == ScalarType.Float32) return pooled;
        using (pooled) return pooled.to(ScalarType.Float32);
    }
}
