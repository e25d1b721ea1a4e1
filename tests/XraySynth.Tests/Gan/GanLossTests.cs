using XraySynth.Gan.Losses;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Gan;

public sealed class GanLossTests
{
    [Fact]
    public void Gradient_penalty_of_a_linear_critic_is_the_squared_distance_of_its_weight_norm_from_one()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var w = tensor(new float[] { 0.5f, -1f, 2f, 0.25f }).reshape(1, 1, 2, 2);
        Tensor Critic(Tensor x) => (x * w).sum(new long[] { 1, 2, 3 });
        var real = randn(3, 1, 2, 2);
        var fake = randn(3, 1, 2, 2);
        double norm = Math.Sqrt(0.25 + 1 + 4 + 0.0625);
        double expected = (norm - 1) * (norm - 1);
        var gp = WganGpLoss.GradientPenalty(Critic, real, fake, rand(3));
        Assert.Equal(expected, gp.item<float>(), 4);
    }

    [Fact]
    public void Gradient_penalty_of_a_quadratic_critic_matches_the_hand_computed_value()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        // D(x) = Σ x² → ∇D = 2x̂; GP = mean_i (2‖x̂_i‖ − 1)², x̂_i = t_i·real_i + (1 − t_i)·fake_i.
        float[] real = [1, 2, 0, -1, 3, 0.5f, -2, 1];
        float[] fake = [0, 1, 1, 1, -1, 0, 2, 2];
        float[] t = [0.25f, 0.75f];
        double expected = 0;
        for (int i = 0; i < 2; i++)
        {
            double sq = 0;
            for (int k = 0; k < 4; k++)
            {
                double xh = t[i] * real[i * 4 + k] + (1 - t[i]) * fake[i * 4 + k];
                sq += 4 * xh * xh;
            }
            expected += (Math.Sqrt(sq) - 1) * (Math.Sqrt(sq) - 1) / 2;
        }
        var gp = WganGpLoss.GradientPenalty(x => x.square().sum(new long[] { 1, 2, 3 }),
            tensor(real).reshape(2, 1, 2, 2), tensor(fake).reshape(2, 1, 2, 2), tensor(t));
        Assert.Equal(expected, gp.item<float>(), 3);
    }

    [Fact]
    public void Gradient_penalty_is_differentiable_with_respect_to_the_critic_weights()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var w = tensor(new float[] { 2f, 0f, 0f, 0f }).reshape(1, 1, 2, 2).requires_grad_(true);
        var gp = WganGpLoss.GradientPenalty(x => (x * w).sum(new long[] { 1, 2, 3 }), randn(2, 1, 2, 2), randn(2, 1, 2, 2), rand(2));
        gp.backward();
        // GP = (‖w‖ − 1)² → dGP/dw = 2(‖w‖ − 1)·w/‖w‖ = 2·1·(1,0,0,0) = (2,0,0,0)
        Assert.Equal([2f, 0f, 0f, 0f], w.grad!.flatten().data<float>().ToArray());
    }

    [Fact]
    public void Critic_and_generator_losses_match_their_formulas()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var real = tensor(new float[] { 1, 3 });
        var fake = tensor(new float[] { -2, 0 });
        // mean(fake) − mean(real) + 10·0.5 + 0.001·mean(real²) = −1 − 2 + 5 + 0.005
        Assert.Equal(2.005, WganGpLoss.Critic(real, fake, tensor(0.5f), 10, 0.001).item<float>(), 5);
        Assert.Equal(1.0, WganGpLoss.Generator(fake).item<float>(), 6);
        double sp(double v) => Math.Log(1 + Math.Exp(v));
        Assert.Equal((sp(-1) + sp(-3)) / 2 + (sp(-2) + sp(0)) / 2, NonSaturatingLoss.Discriminator(real, fake).item<float>(), 5);
        Assert.Equal((sp(2) + sp(0)) / 2, NonSaturatingLoss.Generator(fake).item<float>(), 5);
    }
}
