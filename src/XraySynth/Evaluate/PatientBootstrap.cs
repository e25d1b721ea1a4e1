using XraySynth.Common;

namespace XraySynth.Evaluate;

/// <summary>
/// Bootstrap confidence intervals that resample PATIENTS: each replicate draws as many patients as there are, with
/// replacement, and takes all images of every drawn patient (a patient drawn twice contributes its images twice).
/// Images of one patient are correlated, so resampling images would understate the uncertainty. Intervals are
/// percentile intervals (type-7 quantiles of the replicates); replicates where the statistic is NaN are skipped and
/// counted. Replicates depend only on the seed and the patient ids, so every statistic evaluated with the same seed
/// sees the same resampled patient sets.
/// </summary>
public static class PatientBootstrap
{
    /// <summary>Name of the random stream derived from the seed (<see cref="SeedDerivation"/>).</summary>
    public const string Stream = "patient-bootstrap";

    /// <summary>
    /// Percentile CI of <paramref name="statistic"/>, a function of the image indices of one replicate (with repeats),
    /// resampling the patients in <paramref name="patientIds"/> (one per image).
    /// </summary>
    public static BootstrapCi Ci(Func<int[], double> statistic, string[] patientIds, int resamples = 2000, double level = 0.95, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        return Pooled([statistic], patientIds, resamples, level, seed);
    }

    /// <summary>Percentile CI with <paramref name="options"/>.</summary>
    public static BootstrapCi Ci(Func<int[], double> statistic, string[] patientIds, BootstrapOptions options) =>
        Ci(statistic, patientIds, options.Resamples, options.Level, options.Seed);

    /// <summary>
    /// Paired CI of <paramref name="statisticB"/> − <paramref name="statisticA"/> (e.g. AUROC_B − AUROC_A), both
    /// evaluated on the same resampled patients in every replicate.
    /// </summary>
    public static BootstrapCi Difference(Func<int[], double> statisticA, Func<int[], double> statisticB, string[] patientIds,
        int resamples = 2000, double level = 0.95, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(statisticA);
        ArgumentNullException.ThrowIfNull(statisticB);
        return Ci(indices => statisticB(indices) - statisticA(indices), patientIds, resamples, level, seed);
    }

    /// <summary>
    /// CI of the mean over runs (e.g. training seeds) of a per-run statistic, all runs evaluated on the same test
    /// patients: each replicate resamples patients once and averages every run's statistic on that resample, so the
    /// interval reflects test-set sampling of the seed-averaged quantity. A replicate is NaN (skipped) when any run's
    /// statistic is NaN on it. The estimate is the mean of the runs' full-data statistics.
    /// </summary>
    public static BootstrapCi Pooled(IReadOnlyList<Func<int[], double>> perRunStatistics, string[] patientIds,
        int resamples = 2000, double level = 0.95, long seed = 0)
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
        return new BootstrapCi(estimate, Quantile.Linear(sorted, alpha / 2), Quantile.Linear(sorted, 1 - alpha / 2),
            level, resamples, nanResamples, seed);
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
