using TorchSharp.Modules;
using static TorchSharp.torch;

namespace XraySynth.Classify.Networks;

/// <summary>torchvision's classifier initialisation: Kaiming-normal convolutions (fan_out, ReLU), BatchNorm weight 1 and bias 0, linear bias 0.</summary>
static class ClassifierInit
{
    /// <summary>Initialises every convolution, BatchNorm and linear layer below <paramref name="root"/> in place.</summary>
    public static void Apply(nn.Module root)
    {
        foreach (var (_, module) in root.named_modules())
        {
            switch (module)
            {
                case Convolution conv:
                    nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
                    if (conv.bias is not null) nn.init.zeros_(conv.bias);
                    break;
                case BatchNorm2d norm:
                    nn.init.ones_(norm.weight);
                    nn.init.zeros_(norm.bias!);
                    break;
                case Linear linear:
                    if (linear.bias is not null) nn.init.zeros_(linear.bias);
                    break;
            }
        }
    }
}
