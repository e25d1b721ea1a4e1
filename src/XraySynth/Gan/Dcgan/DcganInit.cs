using TorchSharp.Modules;
using static TorchSharp.torch;

namespace XraySynth.Gan.Dcgan;

/// <summary>DCGAN's initialisation: conv weights ~ N(0, 0.02), BatchNorm weights ~ N(1, 0.02) and biases 0.</summary>
public static class DcganInit
{
    /// <summary>Initialises every conv and BatchNorm inside <paramref name="module"/> (uses torch's global generator).</summary>
    public static void Apply(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var (_, child) in module.named_modules())
        {
            switch (child)
            {
                case Conv2d conv:
                    nn.init.normal_(conv.weight, 0, 0.02);
                    break;
                case ConvTranspose2d deconv:
                    nn.init.normal_(deconv.weight, 0, 0.02);
                    break;
                case BatchNorm2d bn:
                    nn.init.normal_(bn.weight, 1, 0.02);
                    nn.init.zeros_(bn.bias);
                    break;
            }
        }
    }
}
