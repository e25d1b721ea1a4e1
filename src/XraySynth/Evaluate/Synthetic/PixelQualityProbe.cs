using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Images;
using XraySynth.Evaluate.Features;
using XraySynth.Gan.Training;
using static TorchSharp.torch;

namespace XraySynth.Evaluate.Synthetic;

/// <summary>
/// The cheap quality measurement for GAN training: FID and KID (10 subsets of at most 500) of generated images against a
/// dataset's real training images, on raw pixels at 32 × 32 (<see cref="PixelFeatures"/>). Real features and their moments
/// are computed once.
/// </summary>
public sealed class PixelQualityProbe : IGanQualityProbe
{
    readonly FeatureMatrix real;
    readonly GaussianMoments realMoments;
    readonly Device device;
    readonly long seed;

    /// <summary>Reference: up to <paramref name="maxImages"/> real training images of <paramref name="dataset"/> (a seeded random subset when there are more).</summary>
    public PixelQualityProbe(Dataset dataset, int maxImages, long seed, Device device, IReporter reporter)
    {
        var train = Enumerable.Range(0, dataset.Images.Count).Where(i => dataset.Images[i].Split == Split.Train && dataset.Images[i].Source == ImageSource.Real).ToArray();
        if (train.Length < 2) throw new UserError($"{dataset.Root}: quality tracking needs at least 2 real training images, found {train.Length}");
        var random = SeedDerivation.CreateRandom(seed, "gan/quality/reals");
        random.Shuffle(train);
        using var pixels = new PixelFeatures();
        real = FeatureExtractors.Extract(pixels, dataset, train.Take(maxImages).Order().ToArray(), reporter);
        realMoments = GaussianMoments.Of(real, device);
        this.device = device;
        this.seed = seed;
    }

    /// <inheritdoc />
    public (double Fid, double Kid) Measure(byte[] pixels, int count, int size)
    {
        int side = PixelFeatures.DefaultSize, d = side * side;
        var values = new float[count * d];
        for (int i = 0; i < count; i++)
        {
            var image = new GrayImage(size, size, pixels.AsSpan(i * size * size, size * size).ToArray());
            var small = AreaResize.Resize(image, side, side).Pixels;
            for (int j = 0; j < d; j++) values[i * d + j] = small[j] / 255f;
        }
        var fake = new FeatureMatrix(values, count, d);
        double fid = FrechetDistance.Compute(realMoments, GaussianMoments.Of(fake, device));
        var (kid, _) = Kid.Compute(fake, real, subsets: 10, subsetSize: 500, seed, device);
        return (fid, kid);
    }
}
