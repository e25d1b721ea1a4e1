using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Gan.Losses;

/// <summary>
/// WGAN-GP (Gulrajani et al. 2017) with PGGAN's epsilon drift penalty (Karras et al. 2018, appendix A.1):
/// critic loss <c>D(fake) − D(real) + λ·GP + ε·D(real)²</c>, generator loss <c>−D(fake)</c>.
/// </summary>
public static class WganGpLoss
{
    /// <summary>Critic loss terms; <paramref name="penalty"/> is the gradient penalty (already averaged over the batch).</summary>
    public static Tensor Critic(Tensor realScores, Tensor fakeScores, Tensor penalty, double lambda, double drift)
    {
        using var scope = NewDisposeScope();
        var loss = fakeScores.mean() - realScores.mean() + KeptScalar.Mul(penalty, lambda) + KeptScalar.Mul(realScores.square().mean(), drift);
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>Generator loss <c>−mean D(fake)</c>.</summary>
    public static Tensor Generator(Tensor fakeScores) => -fakeScores.mean();

    /// <summary>
    /// Gradient penalty <c>mean((‖∇ₓ D(x̂)‖₂ − 1)²)</c> at <c>x̂ = t·real + (1−t)·fake</c>, one <c>t</c> per sample
    /// (<paramref name="mix"/>, shape [N]). Built with <c>create_graph</c> so the penalty itself is differentiable.
    /// </summary>
    /// <param name="critic">Scores images, returning [N].</param>
    /// <param name="real">Real images [N, C, H, W].</param>
    /// <param name="fake">Generated images (detached) of the same shape.</param>
    /// <param name="mix">Interpolation weights in [0, 1], shape [N].</param>
    public static Tensor GradientPenalty(Func<Tensor, Tensor> critic, Tensor real, Tensor fake, Tensor mix)
    {
        if (!real.shape.SequenceEqual(fake.shape))
            throw new ArgumentException($"real [{string.Join(", ", real.shape)}] and fake [{string.Join(", ", fake.shape)}] differ in shape");
        if (mix.dim() != 1 || mix.shape[0] != real.shape[0])
            throw new ArgumentException($"mix must be [{real.shape[0]}], got [{string.Join(", ", mix.shape)}]");
        using var scope = NewDisposeScope();
        var t = mix.to(real.dtype).reshape(-1, 1, 1, 1);
        var blended = (real.detach() * t + fake.detach() * KeptScalar.SubtractFrom(1, t)).requires_grad_(true);
        var scores = critic(blended);
        var gradient = autograd.grad(new[] { scores }, new[] { blended }, new[] { ones_like(scores) },
            retain_graph: true, create_graph: true)[0];
        var norms = KeptScalar.Add(gradient.to(ScalarType.Float32).flatten(1).square().sum(1), 1e-12).sqrt();
        return KeptScalar.Add(norms, -1).square().mean().MoveToOuterDisposeScope();
    }
}
