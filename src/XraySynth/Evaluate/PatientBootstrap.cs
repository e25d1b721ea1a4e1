using XraySynth.Common;

namespace XraySynth.Evaluate;

/// <summary>
/// Bootstrap confidence intervals that resample PATIENTS: each replicate draws as many patients as there are, with
/// replacement, and takes all images of every drawn patient (a patient drawn twice contributes its images twice).
/// Images of one patient are correlated, so resampling images would understate the uncertainty. Intervals are
/// percentile intervals (type-7 quantiles of the replicates) or, with <see cref="BootstrapMethod.Bca"/>, BCa intervals
/// (the same quantiles at levels shifted by <see cref="BcaLevels"/>, its acceleration from a leave-one-patient-out
/// jackknife); replicates where the statistic is NaN are skipped and counted. Replicates depend only on the seed and
/// the patient ids, so every statistic evaluated with the same seed sees the same resampled patient sets.
/// </summary>
public static class PatientBootstrap
{
    /// <summary>Name of the random stream derived from the seed (<see cref="SeedDerivation"/>).</summary>
    public const string Stream = "patient-bootstrap";

    /// <summary>
    /// CI of <paramref name="statistic"/>, a function of the image indices of one replicate (with repeats),
    /// resampling the patients in <paramref name="patientIds"/> (one per image).
    /// </summary>
    public static BootstrapCi Ci(Func<int[], double> statistic, string[] patientIds, int resamples = 2000, double level = 0.95, long seed = 0,
        BootstrapMethod method = BootstrapMethod.Percentile)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        return Pooled([statistic], patientIds, resamples, level, seed, method);
    }

    /// <summary>CI with <paramref name="options"/> (resamples, level, seed, method).</summary>
    public static BootstrapCi Ci(Func<int[], double> statistic, string[] patientIds, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Ci(statistic, patientIds, options.Resamples, options.Level, options.Seed, options.Method);
    }

    /// <summary>
    /// Paired CI of <paramref name="statisticB"/> − <paramref name="statisticA"/> (e.g. AUROC_B − AUROC_A), both
    /// evaluated on the same resampled patients in every replicate.
    /// </summary>
    public static BootstrapCi Difference(Func<int[], double> statisticA, Func<int[], double> statisticB, string[] patientIds,
        int resamples = 2000, double level = 0.95, long seed = 0, BootstrapMethod method = BootstrapMethod.Percentile)
    {
        ArgumentNullException.ThrowIfNull(statisticA);
        ArgumentNullException.ThrowIfNull(statisticB);
        return Ci(indices => statisticB(indices) - statisticA(indices), patientIds, resamples, level, seed, method);
    }

    /// <summary>Paired CI of B − A with <paramref name="options"/>.</summary>
    public static BootstrapCi Difference(Func<int[], double> statisticA, Func<int[], double> statisticB, string[] patientIds, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Difference(statisticA, statisticB, patientIds, options.Resamples, options.Level, options.Seed, options.Method);
    }

    /// <summary>
    /// CI of the mean over runs (e.g. training seeds) of a per-run statistic, all runs evaluated on the same test
    /// patients: each replicate resamples patients once and averages every run's statistic on that resample, so the
    /// interval reflects test-set sampling of the seed-averaged quantity. A replicate is NaN (skipped) when any run's
    /// statistic is NaN on it. The estimate is the mean of the runs' full-data statistics.
    /// </summary>
    public static BootstrapCi Pooled(IReadOnlyList<Func<int[], double>> perRunStatistics, string[] patientIds,
        int resamples = 2000, double level = 0.95, long seed = 0, BootstrapMethod method = BootstrapMethod.Percentile)
    {
        ArgumentNullException.ThrowIfNull(perRunStatistics);
        ArgumentNullException.ThrowIfNull(patientIds);
        if (perRunStatistics.Count == 0) throw new ArgumentException("at least one statistic is needed", nameof(perRunStatistics));
        if (resamples < 1) throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "resamples must be at least 1");
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "level must lie in (0, 1)");

        double Mean(int[] indices)
        {
            double sum = 0;
            foreach (var statistic in perRunStatistics) sum += statistic(indices);
            return sum / perRunStatistics.Count; // NaN if any run is NaN
        }

        int[][] groups = ImagesByPatient(patientIds);
        double estimate = Mean(Enumerable.Range(0, patientIds.Length).ToArray());
        Random random = SeedDerivation.CreateRandom(seed, Stream);
        var replicates = new List<double>(resamples);
        var indices = new List<int>(patientIds.Length);
        int nanResamples = 0;
        for (int r = 0; r < resamples; r++)
        {
            indices.Clear();
            for (int p = 0; p < groups.Length; p++) indices.AddRange(groups[random.Next(groups.Length)]);
            double value = Mean([.. indices]);
            if (double.IsNaN(value)) nanResamples++;
            else replicates.Add(value);
        }

        double[] sorted = [.. replicates];
        Array.Sort(sorted);
        double alpha = 1 - level;
        (double lowerLevel, double upperLevel) = (alpha / 2, 1 - alpha / 2);
        if (method == BootstrapMethod.Bca)
        {
            double[] jackknife = [.. Enumerable.Range(0, groups.Length).Select(left => Mean(AllBut(groups, left, patientIds.Length)))];
            (lowerLevel, upperLevel) = BcaLevels.Levels(BcaLevels.BiasCorrection(sorted, estimate), BcaLevels.Acceleration(jackknife), level);
        }
        // BCa levels are NaN when the full-data estimate is (no bias correction without it): so is the interval.
        double Bound(double at) => double.IsNaN(at) ? double.NaN : Quantile.Linear(sorted, at);
        return new BootstrapCi(estimate, Bound(lowerLevel), Bound(upperLevel), level, resamples, nanResamples, seed, method);
    }

    /// <summary>Image indices of every patient but <paramref name="left"/> (one jackknife sample).</summary>
    static int[] AllBut(int[][] groups, int left, int images)
    {
        var indices = new int[images - groups[left].Length];
        int k = 0;
        for (int p = 0; p < groups.Length; p++)
            if (p != left)
                foreach (int i in groups[p]) indices[k++] = i;
        return indices;
    }

    /// <summary>Image indices of each patient, patients in order of first appearance.</summary>
    static int[][] ImagesByPatient(string[] patientIds)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<List<int>>();
        for (int i = 0; i < patientIds.Length; i++)
        {
            string id = patientIds[i] ?? throw new ArgumentException($"patientIds[{i}] is null", nameof(patientIds));
            if (!groups.TryGetValue(id, out var images))
            {
                images = [];
                groups.Add(id, images);
                order.Add(images);
            }
            images.Add(i);
        }
        return [.. order.Select(g => g.ToArray())];
    }
}
