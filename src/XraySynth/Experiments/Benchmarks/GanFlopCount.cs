namespace XraySynth.Experiments.Benchmarks;

/// <summary>Analytic floating-point operations of a GAN training step, per real image.</summary>
/// <param name="GeneratorForward">Forward FLOPs of the generator for one image.</param>
/// <param name="DiscriminatorForward">Forward FLOPs of the discriminator for one image.</param>
/// <param name="GeneratorMultiplier">Generator forward passes' worth of work in one step (see <see cref="GanFlops"/>).</param>
/// <param name="DiscriminatorMultiplier">Discriminator forward passes' worth of work in one step.</param>
public sealed record GanFlopCount(long GeneratorForward, long DiscriminatorForward, int GeneratorMultiplier, int DiscriminatorMultiplier)
{
    /// <summary>FLOPs of one training step (D update, G update) per real image.</summary>
    public long PerImage => GeneratorMultiplier * GeneratorForward + DiscriminatorMultiplier * DiscriminatorForward;
}
