using XraySynth.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace XraySynth.Classify.Networks;

/// <summary>
/// A three-convolution classifier for fast tests (seconds on a CPU): 3×3 conv → ReLU → 2×2 max pool → two 3×3
/// convs with ReLU → global average pool → linear. The feature map has stride 2, so Grad-CAM maps are sharp.
/// </summary>
public sealed class TinyConvNet : ClassifierNetwork
{
    readonly CastConv2d conv1;
    readonly CastConv2d conv2;
    readonly CastConv2d conv3;
    readonly Linear fc;

    /// <summary>Builds the network with <paramref name="labelCount"/> logits and <paramref name="width"/> channels in the first conv (2× after).</summary>
    public TinyConvNet(int labelCount, int width = 16) : base(nameof(TinyConvNet), labelCount, featureChannels: 2 * width, minimumSize: 8)
    {
        conv1 = CastConv2d.Create(1, width, 3, padding: 1);
        conv2 = CastConv2d.Create(width, 2 * width, 3, padding: 1);
        conv3 = CastConv2d.Create(2 * width, 2 * width, 3, padding: 1);
        fc = nn.Linear(2 * width, labelCount);
        RegisterComponents();
        ClassifierInit.Apply(this);
    }

    /// <inheritdoc/>
    protected override Tensor ComputeFeatures(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.relu(conv1.forward(x));                         // [N, w, H, W]
        h = nn.functional.max_pool2d(h, new long[] { 2, 2 });                 // [N, w, H/2, W/2]
        h = nn.functional.relu(conv2.forward(h));                             // [N, 2w, H/2, W/2]
        h = nn.functional.relu(conv3.forward(h));                             // [N, 2w, H/2, W/2]
        return h.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override Tensor Classify(Tensor embedding) => fc.forward(embedding); // [N, 2w] → [N, L]
}
