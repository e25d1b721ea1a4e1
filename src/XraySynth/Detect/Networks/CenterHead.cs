using XraySynth.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace XraySynth.Detect.Networks;

/// <summary>One CenterNet head: 3×3 conv → ReLU → 1×1 conv to <c>outputs</c> maps, at the input's resolution.</summary>
public sealed class CenterHead : nn.Module<Tensor, Tensor>
{
    readonly CastConv2d hidden;
    readonly CastConv2d output;

    /// <summary>Creates the head; the output bias starts at <paramref name="bias"/> (−2.19 for heatmaps: sigmoid ≈ 0.1).</summary>
    public CenterHead(long channels, long outputs, double bias = 0) : base(nameof(CenterHead))
    {
        hidden = CastConv2d.Create(channels, channels, 3, padding: 1);
        output = CastConv2d.Create(channels, outputs, 1);
        RegisterComponents();
        ResetOutput(bias);
    }

    /// <summary>Starts the output layer small (weights N(0, 0.01²)) with bias <paramref name="bias"/>, so the first maps are near the prior.</summary>
    public void ResetOutput(double bias)
    {
        using (no_grad())
        {
            nn.init.normal_(output.weight, 0, 0.01);
            output.bias!.fill_(bias);
        }
    }

    /// <summary><c>[N, F, h, w]</c> → <c>[N, outputs, h, w]</c>.</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return output.forward(nn.functional.relu(hidden.forward(x))).MoveToOuterDisposeScope();
    }
}
