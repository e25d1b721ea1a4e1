using static TorchSharp.torch;

namespace XraySynth.Gan.Training;

/// <summary>The losses of one step, still on the device (reading them syncs; do it only when logging).</summary>
/// <param name="Discriminator">Discriminator (critic) loss.</param>
/// <param name="Generator">Generator loss.</param>
/// <param name="Penalty">Gradient penalty (0 for DCGAN).</param>
public sealed record StepLosses(Tensor Discriminator, Tensor Generator, Tensor Penalty) : IDisposable
{
    /// <summary>Copies the three values to the host.</summary>
    public (double Discriminator, double Generator, double Penalty) Read() =>
        (Discriminator.item<float>(), Generator.item<float>(), Penalty.item<float>());

    /// <inheritdoc />
    public void Dispose()
    {
        Discriminator.Dispose();
        Generator.Dispose();
        Penalty.Dispose();
    }
}
