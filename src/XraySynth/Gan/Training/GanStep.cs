using TorchSharp;
using XraySynth.Gan.Losses;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Gan.Training;

/// <summary>
/// One training step: a discriminator update then a generator update, then the moving average. Both the
/// training loop and the speed benchmark call this, so they time and train the same math. No host syncs.
/// </summary>
public sealed class GanStep(GanNetworks networks, optim.Optimizer generatorOptimizer, optim.Optimizer discriminatorOptimizer, GanConfig config)
{
    /// <summary>The random draws of one step, made on the host from the step's own generator.</summary>
    /// <param name="DiscriminatorLatent">[N, Z] latents for the D update.</param>
    /// <param name="GeneratorLatent">[N, Z] latents for the G update.</param>
    /// <param name="Mix">[N] interpolation weights for the gradient penalty.</param>
    public sealed record Draws(Tensor DiscriminatorLatent, Tensor GeneratorLatent, Tensor Mix);

    /// <summary>Draws the step's latents and mix weights from <paramref name="generator"/> onto <paramref name="device"/>.</summary>
    public static Draws Draw(Generator generator, int batch, int latentSize, Device device, ScalarType dtype) => new(
        HostToDevice.Copy(randn(new long[] { batch, latentSize }, generator: generator).to(dtype), device),
        HostToDevice.Copy(randn(new long[] { batch, latentSize }, generator: generator).to(dtype), device),
        HostToDevice.Copy(rand(new long[] { batch }, generator: generator), device));

    /// <summary>
    /// Runs the step on a real batch (<paramref name="real"/> [N,1,r,r] in [-1,1], <paramref name="condition"/> [N,L]);
    /// returns its losses (device tensors, detached).
    /// </summary>
    public StepLosses Run(Tensor real, Tensor condition, Draws draws, TrainingPhase phase, double learningRate, double averageBeta)
    {
        SetLearningRate(generatorOptimizer, learningRate);
        SetLearningRate(discriminatorOptimizer, learningRate);
        int r = phase.Resolution;
        double alpha = phase.Alpha;
        bool wgan = networks.Kind == GanKind.Pggan;

        // Discriminator: real vs generated images with the same labels. Gradients are reset to none (not zero) so
        // layers unused in this phase are skipped by Adam, as they are after a resume: this keeps resume exact.
        networks.Discriminator.zero_grad();
        Tensor fake;
        using (no_grad()) fake = networks.Generate(networks.Generator, draws.DiscriminatorLatent, condition, r, alpha).detach();
        var realScores = networks.Score(real, condition, r, alpha);
        var fakeScores = networks.Score(fake, condition, r, alpha);
        Tensor penalty, discriminatorLoss;
        if (wgan)
        {
            penalty = WganGpLoss.GradientPenalty(x => networks.Score(x, condition, r, alpha), real, fake, draws.Mix);
            discriminatorLoss = WganGpLoss.Critic(realScores, fakeScores, penalty, config.GradientPenalty, config.Drift);
        }
        else
        {
            penalty = zeros(1, device: real.device);
            discriminatorLoss = NonSaturatingLoss.Discriminator(realScores, fakeScores);
        }
        discriminatorLoss.backward();
        discriminatorOptimizer.step();

        // Generator: fool the updated discriminator.
        networks.Generator.zero_grad();
        var generated = networks.Generate(networks.Generator, draws.GeneratorLatent, condition, r, alpha);
        var generatedScores = networks.Score(generated, condition, r, alpha);
        var generatorLoss = wgan ? WganGpLoss.Generator(generatedScores) : NonSaturatingLoss.Generator(generatedScores);
        generatorLoss.backward();
        generatorOptimizer.step();

        MovingAverage.Update(networks.Generator, networks.Average, averageBeta);
        return new StepLosses(discriminatorLoss.detach(), generatorLoss.detach(), penalty.detach().reshape(-1)[0]);
    }

    static void SetLearningRate(optim.Optimizer optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
    }
}
