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
        Tensor? weight = null;
        try
        {
            foreach (var ((_, p), (_, a)) in model.named_parameters().Zip(average.named_parameters()))
            {
                if (weight is null || weight.dtype != a.dtype || weight.device_type != a.device_type || weight.device_index != a.device_index)
                {
                    weight?.Dispose();
                    weight = tensor(1 - beta, a.dtype, a.device);
                }
                a.lerp_(p, weight);
            }
        }
        finally
        {
            weight?.Dispose();
        }
        foreach (var ((_, b), (_, a)) in model.named_buffers().Zip(average.named_buffers())) a.copy_(b);
    }
}
