using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Evaluate.Features;
using static TorchSharp.torch;

namespace XraySynth.Evaluate.Synthetic;

/// <summary>
/// <c>xraysynth eval synthetic</c>: FID, KID, precision/recall and density/coverage of a synthetic set against the real
/// training images, overall and per label, each beside the real-vs-real floor (held-out real images, val + test, against
/// the same training images); with a classifier also label fidelity. Writes quality.json, quality.md, quality.csv and
/// quality.png into the output folder.
/// </summary>
public static class SyntheticQuality
{
    /// <summary>
    /// The metrics of <paramref name="synthetic"/> against <paramref name="reference"/> (real train), and of
    /// <paramref name="heldOut"/> (real val/test) against the same reference as the floor.
    /// </summary>
    public static QualityRow Compare(string? label, FeatureMatrix reference, FeatureMatrix synthetic, FeatureMatrix heldOut, QualityOptions options, Device device)
    {
        var referenceMoments = GaussianMoments.Of(reference, device);
        double Fid(FeatureMatrix other) => reference.Rows < 2 || other.Rows < 2 ? double.NaN : FrechetDistance.Compute(referenceMoments, GaussianMoments.Of(other, device));
        (double Mean, double Sd) Kid(FeatureMatrix other) =>
            other.Rows < 2 || reference.Rows < 2 ? (double.NaN, double.NaN) : Synthetic.Kid.Compute(other, reference, options.KidSubsets, options.KidSubsetSize, options.Seed, device);
        var referenceRadii = NearestNeighbours.KthDistances(reference, options.K, device);
        (double P, double R, double D, double C) Manifold(FeatureMatrix other)
        {
            if (other.Rows == 0 || reference.Rows == 0) return (double.NaN, double.NaN, double.NaN, double.NaN);
            var (p, r) = PrecisionRecall.Compute(reference, referenceRadii, other, NearestNeighbours.KthDistances(other, options.K, device), device);
            var (d, c) = DensityCoverage.Compute(reference, referenceRadii, other, options.K, device);
            return (p, r, d, c);
        }
        var kid = Kid(synthetic);
        var kidFloor = Kid(heldOut);
        var m = Manifold(synthetic);
        var f = Manifold(heldOut);
        return new QualityRow(label, synthetic.Rows, heldOut.Rows, Fid(synthetic), Fid(heldOut), kid.Mean, kid.Sd, kidFloor.Mean,
            m.P, m.R, m.D, m.C, f.P, f.R, f.D, f.C);
    }

    /// <summary>
    /// Loads both datasets, extracts features with <paramref name="features"/>, computes every row, optionally label
    /// fidelity with <paramref name="classifier"/>, and writes the report files into <paramref name="outFolder"/>.
    /// </summary>
    /// <exception cref="UserError">A dataset is missing, has no training or no held-out real images, or shares no label.</exception>
    public static QualityReport Run(string realFolder, string syntheticFolder, string outFolder, IFeatureExtractor features, ClassifierFeatures? classifier,
        QualityOptions options, Device device, IReporter reporter)
    {
        var real = Dataset.Load(realFolder);
        var synthetic = Dataset.Load(syntheticFolder);
        var sets = QualitySets.Of(real, synthetic);
        reporter.Info($"real train {sets.Train.Length}, held-out real {sets.HeldOut.Length}, synthetic {sets.Synthetic.Length} images; features {features.Name}");
        var train = FeatureExtractors.Extract(features, real, sets.Train, reporter);
        var heldOut = FeatureExtractors.Extract(features, real, sets.HeldOut, reporter);
        var fake = FeatureExtractors.Extract(features, synthetic, sets.Synthetic, reporter);

        var rows = new List<QualityRow>();
        using (var progress = reporter.Start("quality metrics", 1 + sets.Labels.Count))
        {
            var overall = Compare(null, train, fake, heldOut, options, device);
            progress.Advance();
            foreach (string label in sets.Labels)
            {
                rows.Add(Compare(label, train.Select(QualitySets.WithLabel(real, sets.Train, label)), fake.Select(QualitySets.WithLabel(synthetic, sets.Synthetic, label)),
                    heldOut.Select(QualitySets.WithLabel(real, sets.HeldOut, label)), options, device));
                progress.Advance();
            }
            var fidelity = classifier is null ? null : LabelFidelityOf(classifier, real, synthetic, sets, reporter);
            var report = new QualityReport(features.Name, real.Root, synthetic.Root, overall, rows, fidelity);
            QualityFiles.Write(outFolder, report);
            return report;
        }
    }

    /// <summary>Per shared label, the classifier's AUROC on the synthetic set (label vs no label) and on the real test split.</summary>
    static List<LabelFidelity> LabelFidelityOf(ClassifierFeatures classifier, Dataset real, Dataset synthetic, QualitySets sets, IReporter reporter)
    {
        var labels = classifier.Classifier.Info.Labels;
        int[] test = Enumerable.Range(0, real.Images.Count).Where(i => real.Images[i].Split == Split.Test && real.Images[i].Source == ImageSource.Real).ToArray();
        float[,] onSynthetic, onTest;
        using (var cache = FeatureExtractors.Open(synthetic, classifier.ImageSize, reporter)) onSynthetic = classifier.Probabilities(cache, sets.Synthetic, reporter);
        using (var cache = FeatureExtractors.Open(real, classifier.ImageSize, reporter)) onTest = classifier.Probabilities(cache, test, reporter);
        var result = new List<LabelFidelity>();
        foreach (string label in sets.Labels)
        {
            int column = labels.ToList().IndexOf(label);
            if (column < 0) continue;
            var (auroc, positives, negatives) = AurocOf(onSynthetic, column, sets.Synthetic.Select(i => synthetic.Images[i].Has(label)).ToArray());
            var (realAuroc, _, _) = AurocOf(onTest, column, test.Select(i => real.Images[i].Has(label)).ToArray());
            result.Add(new LabelFidelity(label, auroc, realAuroc, positives, negatives));
        }
        return result;
    }

    static (double Auroc, int Positives, int Negatives) AurocOf(float[,] probabilities, int column, bool[] truth)
    {
        var scores = Enumerable.Range(0, truth.Length).Select(i => (double)probabilities[i, column]).ToArray();
        int positives = truth.Count(t => t);
        return (Auroc.Compute(scores, truth), positives, truth.Length - positives);
    }
}
