using static TorchSharp.torch;

namespace XraySynth.Gan.Losses;

/// <summary>
/// The non-saturating logistic GAN loss (Goodfellow et al. 2014) used by DCGAN: discriminator
/// <c>softplus(−D(real)) + softplus(D(fake))</c>, generator <c>softplus(−D(fake))</c>, all on logits.
/// </summary>
public static class NonSaturatingLoss
{
    /// <summary>Discriminator loss, averaged over the batch.</summary>
    public static Tensor Discriminator(Tensor realLogits, Tensor fakeLogits) =>
        nn.functional.softplus(-realLogits).mean() + nn.functional.softplus(fakeLogits).mean();

    /// <summary>Generator loss, averaged over the batch.</summary>
    public static Tensor Generator(Tensor fakeLogits) => nn.functional.softplus(-fakeLogits).mean();
}
