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

    /// <summary>
    /// Updates <paramref name="average"/> towards <paramref name="model"/>: one in-place <c>lerp_</c> kernel per
    /// parameter (<c>avg ← avg + (1 − β)·(p − avg)</c>), the weight made once on the device.
    /// </summary>
    public static void Update(nn.Module model, nn.Module average, double beta)
    {
        using var noGrad = no_grad();
        var pairs = model.parameters().Zip(average.parameters()).ToList();
        if (pairs.Count > 0)
        {
            // The networks' parameters share one dtype and device (fp32 masters on the training device).
            using var weight = tensor(1 - beta, pairs[0].Second.dtype, pairs[0].Second.device);
            foreach (var (p, a) in pairs) a.lerp_(p, weight);
        }
        foreach (var ((_, b), (_, a)) in model.named_buffers().Zip(average.named_buffers())) a.copy_(b);
    }
}
