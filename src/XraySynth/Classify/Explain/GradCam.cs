using XraySynth.Classify.Networks;
using static TorchSharp.torch;

namespace XraySynth.Classify.Explain;

/// <summary>
/// Grad-CAM (Selvaraju et al. 2017): for label c, channel weights <c>w_k = mean_ij ∂y_c/∂A_k(i,j)</c> over the last
/// feature map A, map <c>ReLU(Σ_k w_k A_k)</c>, upsampled bilinearly to the input size and scaled to [0, 1] per image.
/// </summary>
public static class GradCam
{
    /// <summary>A map whose spread (max − min) is below this fraction of its maximum counts as constant and becomes all zeros.</summary>
    public const double RelativeFlatness = 1e-4;

    /// <summary>
    /// Class activation maps for label <paramref name="label"/>: images [N, 1, H, W] → float32 [N, H, W] on the CPU,
    /// each in [0, 1] (all zeros where the map is constant, e.g. from a 1×1 feature map, or has no positive evidence).
    /// The network runs in eval mode (BatchNorm statistics, no dropout); its training flag is restored afterwards.
    /// </summary>
    public static Tensor Compute(ClassifierNetwork network, Tensor images, int label)
    {
        if (label < 0 || label >= network.LabelCount)
            throw new ArgumentOutOfRangeException(nameof(label), label, $"label index must be in [0, {network.LabelCount})");
        bool wasTraining = network.training;
        network.eval();
        try
        {
            using var scope = NewDisposeScope();
            Tensor features;
            using (no_grad()) features = network.Features(images);                     // [N, C, h, w]; checks the input shape
            features = features.detach().requires_grad_(true);                          // the leaf we differentiate against
            using var grad = enable_grad();
            var logits = network.Head(features);                                        // [N, L]
            // Image i's logit depends only on image i's features (eval mode), so one sum gives every image's gradient.
            var target = logits.select(1, label).sum();                                 // []
            var gradients = autograd.grad(new[] { target }, new[] { features })[0];     // [N, C, h, w]
            var weights = gradients.mean(new long[] { 2, 3 }, keepdim: true);            // [N, C, 1, 1]
            var cam = nn.functional.relu((weights * features).sum(1, keepdim: true));   // [N, 1, h, w]
            cam = nn.functional.interpolate(cam.detach(), size: new[] { images.shape[2], images.shape[3] },
                mode: InterpolationMode.Bilinear, align_corners: false);               // [N, 1, H, W]
            cam = cam.squeeze(1).to(ScalarType.Float32);                                // [N, H, W]
            var low = cam.amin(new long[] { 1, 2 }, keepdim: true);                      // [N, 1, 1]
            var high = cam.amax(new long[] { 1, 2 }, keepdim: true);                     // [N, 1, 1]
            var range = high - low;                                                     // [N, 1, 1]
            // Upsampling a constant map is constant only up to rounding: treat a relative spread below 1e-4 as flat.
            var varies = range > high * RelativeFlatness + 1e-12;                       // [N, 1, 1]
            var normalised = where(varies, (cam - low) / range.clamp_min(1e-12), zeros_like(cam)); // [N, H, W]
            return normalised.cpu().MoveToOuterDisposeScope();
        }
        finally
        {
            network.train(wasTraining);
        }
    }

    /// <summary>Copies map <paramref name="index"/> of a [N, H, W] float32 CPU tensor to a [H, W] array (row, column).</summary>
    public static float[,] ToArray(Tensor cams, int index)
    {
        if (cams.dim() != 3 || cams.dtype != ScalarType.Float32)
            throw new ArgumentException($"expected a float32 [N, H, W] tensor, got {cams.dtype} [{string.Join(", ", cams.shape)}]", nameof(cams));
        if (index < 0 || index >= cams.shape[0]) throw new ArgumentOutOfRangeException(nameof(index), index, $"batch has {cams.shape[0]} maps");
        int height = (int)cams.shape[1], width = (int)cams.shape[2];
        using var map = cams[index].cpu().contiguous();
        float[] flat = map.data<float>().ToArray();
        var result = new float[height, width];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(float));
        return result;
    }
}
