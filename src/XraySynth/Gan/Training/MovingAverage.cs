using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Gan.Training;

/// <summary>
/// Exponential moving average of generator weights (Karras et al. 2018): after each step
/// <c>avg ← p + β·(avg − p)</c> with <c>β = 0.5^(batch / half_life_images)</c>; buffers are copied.
/// </summary>
public static class MovingAverage
{
    /// <summary>β for one step of <paramref name="batchSize"/> images.</summary>
    public static double Beta(int batchSize, double halfLifeKimg) => halfLifeKimg <= 0 ? 0 : Math.Pow(0.5, batchSize / (halfLifeKimg * 1000));

    /// <summary>Updates <paramref name="average"/> towards <paramref name="model"/>.</summary>
    public static void Update(nn.Module model, nn.Module average, double beta)
    {
        using var noGrad = no_grad();
        foreach (var ((_, p), (_, a)) in model.named_parameters().Zip(average.named_parameters()))
            a.copy_(KeptScalar.Lerp(p, a, beta));
        foreach (var ((_, b), (_, a)) in model.named_buffers().Zip(average.named_buffers())) a.copy_(b);
    }
}
