using System.Globalization;
using MathNet.Numerics;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Cache;
using XraySynth.Evaluate.Features;
using static TorchSharp.torch;

namespace XraySynth.Evaluate.Synthetic;

/// <summary>
/// Did the GAN memorize training patients? For every synthetic image, the nearest training image in feature space
/// (Euclidean) and in pixel space (highest normalized cross-correlation), compared with the same for held-out real
/// images, which are new patients by construction. Thresholds are calibrated on the held-out images (quantile q), so a
/// memorization-free generator has about q of its images flagged; the verdict tests for more than that.
/// </summary>
public static class MemorizationAudit
{
    /// <summary>
    /// Loads both datasets, extracts features of real train, held-out real (val + test) and synthetic images, audits them,
    /// and writes memorization.json, memorization.md, memorization.png and closest-pairs.png into <paramref name="outFolder"/>.
    /// </summary>
    public static MemorizationFindings Run(string realFolder, string syntheticFolder, string outFolder, IFeatureExtractor features,
        MemorizationOptions options, Device device, IReporter reporter)
    {
        var real = Dataset.Load(realFolder);
        var synthetic = Dataset.Load(syntheticFolder);
        var sets = QualitySets.Of(real, synthetic);
        reporter.Info($"real train {sets.Train.Length}, held-out real {sets.HeldOut.Length}, synthetic {sets.Synthetic.Length} images; features {features.Name}");
        var train = FeatureExtractors.Extract(features, real, sets.Train, reporter);
        var heldOut = FeatureExtractors.Extract(features, real, sets.HeldOut, reporter);
        var fake = FeatureExtractors.Extract(features, synthetic, sets.Synthetic, reporter);
        using var realPixels = FeatureExtractors.Open(real, options.PixelSize, reporter);
        using var syntheticPixels = FeatureExtractors.Open(synthetic, options.PixelSize, reporter);
        var findings = Measure(train, heldOut, fake, UnitVectors(realPixels, sets.Train), UnitVectors(realPixels, sets.HeldOut),
            UnitVectors(syntheticPixels, sets.Synthetic), features.Name, options, device);
        MemorizationFiles.Write(outFolder, features.Name, findings, options,
            new MemorizationFiles.Images(realPixels, sets.Train, syntheticPixels, sets.Synthetic));
        return findings;
    }

    static FeatureMatrix UnitVectors(PreparedCache cache, int[] rows)
    {
        var bytes = new byte[rows.Length * cache.ImageBytes];
        cache.Gather(rows, bytes);
        return NormalizedCrossCorrelation.UnitVectors(bytes, cache.ImageBytes);
    }

    /// <summary>
    /// The audit on features (<paramref name="train"/>, <paramref name="heldOut"/>, <paramref name="synthetic"/>) and on
    /// the same images as NCC unit vectors (<see cref="NormalizedCrossCorrelation.UnitVectors"/>).
    /// </summary>
    public static MemorizationFindings Measure(FeatureMatrix train, FeatureMatrix heldOut, FeatureMatrix synthetic,
        FeatureMatrix trainPixels, FeatureMatrix heldOutPixels, FeatureMatrix syntheticPixels, string featureName, MemorizationOptions options, Device device)
    {
        if (options.Quantile is <= 0 or >= 0.5) throw new ArgumentOutOfRangeException(nameof(options), options.Quantile, "quantile must be in (0, 0.5)");
        var (nearest, distance) = NearestNeighbours.Nearest(synthetic, train, device);
        var (_, heldOutDistance) = NearestNeighbours.Nearest(heldOut, train, device);
        double threshold = Quantile.Linear(heldOutDistance.Order().ToArray(), options.Quantile);
        var flagged = distance.Select(d => d < threshold).ToArray();

        var (nccNearest, nccDistance) = NearestNeighbours.Nearest(syntheticPixels, trainPixels, device);
        var (_, heldOutNccDistance) = NearestNeighbours.Nearest(heldOutPixels, trainPixels, device);
        var ncc = nccDistance.Select(NormalizedCrossCorrelation.FromUnitDistance).ToArray();
        var heldOutNcc = heldOutNccDistance.Select(NormalizedCrossCorrelation.FromUnitDistance).ToArray();
        double pixelThreshold = Quantile.Linear(heldOutNcc.Order().ToArray(), 1 - options.Quantile);
        var pixelFlagged = ncc.Select(c => c > pixelThreshold).ToArray();

        string verdict = Verdict(featureName, flagged.Count(f => f), pixelFlagged.Count(f => f), synthetic.Rows, heldOut.Rows, options);
        return new MemorizationFindings(nearest, distance, heldOutDistance, threshold, flagged, ncc, nccNearest, heldOutNcc, pixelThreshold, pixelFlagged, verdict);
    }

    /// <summary>
    /// The model-card line: memorization is suspected when, in either space, more synthetic images are flagged than the
    /// calibration quantile q explains (one-sided binomial test at <see cref="MemorizationOptions.Alpha"/>).
    /// </summary>
    public static string Verdict(string featureName, int flagged, int pixelFlagged, int total, int heldOut, MemorizationOptions options)
    {
        double q = options.Quantile;
        double p = TailProbability(flagged, total, q), pixelP = TailProbability(pixelFlagged, total, q);
        string counts = string.Create(CultureInfo.InvariantCulture,
            $"{flagged} of {total} synthetic images ({100.0 * flagged / Math.Max(total, 1):0.0}%) are closer to a training image in {featureName} space, " +
            $"and {pixelFlagged} ({100.0 * pixelFlagged / Math.Max(total, 1):0.0}%) correlate more with one in pixels, than the {100 * q:0.#}% most similar " +
            $"of {heldOut} held-out real images");
        return p < options.Alpha || pixelP < options.Alpha
            ? string.Create(CultureInfo.InvariantCulture, $"Memorization suspected: {counts} (more than chance: binomial p = {Math.Min(p, pixelP):G2}); inspect closest-pairs.png.")
            : string.Create(CultureInfo.InvariantCulture, $"No evidence of memorization: {counts} (consistent with chance at {100 * q:0.#}%).");
    }

    /// <summary>
    /// P(X ≥ <paramref name="count"/>) for X ~ Binomial(<paramref name="total"/>, <paramref name="q"/>), as the regularized
    /// incomplete beta I_q(count, total − count + 1), which stays accurate far below the 1e-16 that 1 − CDF can resolve.
    /// </summary>
    public static double TailProbability(int count, int total, double q) =>
        count <= 0 || total == 0 ? 1 : count > total ? 0 : SpecialFunctions.BetaRegularized(count, total - count + 1, q);
}
