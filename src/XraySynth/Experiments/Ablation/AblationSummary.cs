using System.Globalization;
using System.Text.Json;
using XraySynth.Classify.Evaluation;
using XraySynth.Common;
using XraySynth.Evaluate;

namespace XraySynth.Experiments.Ablation;

/// <summary>One arm × label of the summary.</summary>
/// <param name="Arm">Arm name.</param>
/// <param name="Label">Label name.</param>
/// <param name="Rare">Train prevalence below the run's rare threshold.</param>
/// <param name="TrainPrevalence">Share of real train images with the label.</param>
/// <param name="Positives">Test images with the label.</param>
/// <param name="Seeds">Finished cells (seeds) of the arm.</param>
/// <param name="AurocMean">AUROC averaged over seeds.</param>
/// <param name="AurocSd">Sample standard deviation of AUROC over seeds (NaN with one seed).</param>
/// <param name="AuprcMean">AUPRC averaged over seeds.</param>
/// <param name="AuprcSd">Sample standard deviation of AUPRC over seeds.</param>
/// <param name="AurocGain">Seed-averaged AUROC gain over the baseline with its patient-bootstrap CI (null for the baseline).</param>
/// <param name="DeLongP">DeLong p-value of the seed-averaged scores against the baseline's (NaN for the baseline or undefined).</param>
/// <param name="HolmP">DeLong p-value Holm-adjusted over the arm's labels.</param>
/// <param name="AuprcGain">Seed-averaged AUPRC gain over the baseline with its patient-bootstrap CI (null for the baseline).</param>
public sealed record ArmLabelSummary(string Arm, string Label, bool Rare, double TrainPrevalence, int Positives, int Seeds,
    double AurocMean, double AurocSd, double AuprcMean, double AuprcSd, BootstrapCi? AurocGain, double DeLongP, double HolmP, BootstrapCi? AuprcGain);

/// <summary>The summary of an ablation run.</summary>
/// <param name="Name">Run name.</param>
/// <param name="Baseline">The arm the gains are measured against.</param>
/// <param name="Arms">Arms in config order.</param>
/// <param name="Labels">Labels in dataset order.</param>
/// <param name="Rows">One row per arm × label (arms in order, labels in order).</param>
/// <param name="MissingCells">Cells of the plan without a finished result (the summary leaves them out).</param>
/// <param name="Bootstrap">Bootstrap settings of every CI.</param>
/// <param name="TestImages">Test images scored.</param>
/// <param name="TestPatients">Distinct test patients (the bootstrap's unit).</param>
public sealed record AblationSummaryResult(string Name, string Baseline, IReadOnlyList<string> Arms, IReadOnlyList<string> Labels,
    IReadOnlyList<ArmLabelSummary> Rows, IReadOnlyList<string> MissingCells, BootstrapOptions Bootstrap, int TestImages, int TestPatients)
{
    /// <summary>The row of <paramref name="arm"/> and <paramref name="label"/>.</summary>
    public ArmLabelSummary Row(string arm, string label) => Rows.Single(r => r.Arm == arm && r.Label == label);
}

/// <summary>
/// Per arm and label, from the test predictions in the store (nothing else): AUROC and AUPRC mean ± sd over seeds; the
/// gain over the baseline arm averaged over seeds with a 95% CI from one patient bootstrap shared by all runs
/// (<see cref="SeedPooledGain"/>); DeLong's paired test of the seed-averaged scores (each image's mean predicted probability
/// over the arm's seeds against the baseline's), Holm-adjusted over each arm's labels.
/// </summary>
public static class AblationSummary
{
    /// <summary>Computes the summary of <paramref name="run"/> from its store.</summary>
    /// <exception cref="UserError">The baseline has no finished cell.</exception>
    public static AblationSummaryResult Compute(AblationRun run)
    {
        using var store = ResultStore.Open(run.StoreFile);
        return Compute(store, run.Settings.Ablation);
    }

    /// <summary>Computes the summary from <paramref name="store"/> for <paramref name="config"/>.</summary>
    public static AblationSummaryResult Compute(ResultStore store, AblationConfig config)
    {
        var labels = JsonSerializer.Deserialize<List<string>>(store.Meta("labels") ?? "null")
            ?? throw new UserError($"ablation {config.Name}: no finished cell in the store yet; run 'xraysynth ablate' first");
        var prevalence = JsonSerializer.Deserialize<Dictionary<string, double>>(store.Meta("train_prevalence") ?? "{}") ?? [];
        var done = store.Jobs().Where(j => j.Kind == "cell" && j.Status == JobResult.Done).ToDictionary(j => j.Id);
        var plan = AblationPlan.From(config);
        var missing = plan.Cells.Where(c => !done.ContainsKey(c.Id)).Select(c => c.Id).ToList();

        // Every arm's finished cells, their predictions aligned to the baseline's first cell's image order.
        Predictions? reference = null;
        var perArm = new Dictionary<string, List<Predictions>>();
        foreach (string arm in new[] { config.Baseline }.Concat(config.Arms.Select(a => a.Name).Where(a => a != config.Baseline)))
        {
            var list = new List<Predictions>();
            foreach (var cell in plan.Cells.Where(c => c.Arm == arm && done.ContainsKey(c.Id)))
            {
                var predictions = store.Predictions(cell.Id, labels) ?? throw new UserError($"ablation {config.Name}: cell {cell.Id} is done but has no predictions in the store; run 'xraysynth ablate collect'");
                reference ??= predictions;
                list.Add(predictions.Align(reference.ImageIds));
            }
            perArm[arm] = list;
        }
        if (reference is null || perArm[config.Baseline].Count == 0)
            throw new UserError($"ablation {config.Name}: the baseline arm '{config.Baseline}' has no finished cell; run 'xraysynth ablate' first");

        var options = new BootstrapOptions { Resamples = config.Bootstrap, Seed = config.Seeds[0], Method = config.BootstrapMethod };
        var truth = reference.Truth;
        var patients = reference.PatientIds;
        var baseline = perArm[config.Baseline];
        var rows = new List<ArmLabelSummary>();
        foreach (var arm in config.Arms.Select(a => a.Name))
        {
            var runs = perArm[arm];
            if (runs.Count == 0) continue;
            var scores = runs.Select(AblationJobRunner.Score).ToList();
            bool isBaseline = arm == config.Baseline;
            IReadOnlyList<LabelGain>? aurocGains = null, auprcGains = null;
            double[] deLong = [.. labels.Select(_ => double.NaN)];
            if (!isBaseline)
            {
                aurocGains = SeedPooledGain.Compute(Matrices(baseline), Matrices(runs), truth, patients, labels, options, RankMetric.Auroc);
                auprcGains = SeedPooledGain.Compute(Matrices(baseline), Matrices(runs), truth, patients, labels, options, RankMetric.Auprc);
                double[,] meanBaseline = MeanScores(baseline), meanArm = MeanScores(runs);
                for (int l = 0; l < labels.Count; l++)
                {
                    int[] known = LabelMatrix.Known(LabelMatrix.Column(truth, l));
                    bool[] t = [.. known.Select(i => truth[i, l] == 1.0)];
                    if (t.All(v => v) || !t.Any(v => v)) continue;
                    deLong[l] = DeLong.Compare([.. known.Select(i => meanBaseline[i, l])], [.. known.Select(i => meanArm[i, l])], t).PValue;
                }
            }
            double[] holm = MultipleComparisons.Holm(deLong);
            for (int l = 0; l < labels.Count; l++)
            {
                double[] aurocs = [.. scores.Select(s => s[l].Auroc)], auprcs = [.. scores.Select(s => s[l].Auprc)];
                double p = prevalence.TryGetValue(labels[l], out double v) ? v : double.NaN;
                rows.Add(new ArmLabelSummary(arm, labels[l], p < config.RarePrevalence, p, scores[0][l].Positives, runs.Count,
                    aurocs.Average(), SampleSd(aurocs), auprcs.Average(), SampleSd(auprcs),
                    aurocGains?[l].Gain, deLong[l], holm[l], auprcGains?[l].Gain));
            }
        }
        return new AblationSummaryResult(config.Name, config.Baseline, [.. config.Arms.Select(a => a.Name).Where(a => perArm[a].Count > 0)], labels, rows, missing,
            options, reference.ImageIds.Length, patients.Distinct(StringComparer.Ordinal).Count());
    }

    static IReadOnlyList<double[,]> Matrices(IReadOnlyList<Predictions> runs) => [.. runs.Select(r => r.Probabilities)];

    /// <summary>Each image's predicted probability averaged over runs.</summary>
    public static double[,] MeanScores(IReadOnlyList<Predictions> runs)
    {
        int n = runs[0].ImageIds.Length, l = runs[0].Labels.Count;
        var mean = new double[n, l];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < l; j++)
            {
                double sum = 0;
                foreach (var run in runs) sum += run.Probabilities[i, j];
                mean[i, j] = sum / runs.Count;
            }
        return mean;
    }

    /// <summary>Sample standard deviation (n − 1) of the finite values; NaN with fewer than two.</summary>
    public static double SampleSd(IReadOnlyList<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count < 2) return double.NaN;
        double mean = finite.Average();
        return Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / (finite.Count - 1));
    }

    /// <summary>Writes the summary as one CSV row per arm × label.</summary>
    public static void WriteCsv(AblationSummaryResult summary, string path) => AtomicFile.WriteText(path, w =>
    {
        static string F(double v) => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture);
        w.WriteLine("arm,label,rare,train_prevalence,test_positives,seeds,auroc_mean,auroc_sd,auroc_gain,auroc_gain_lower,auroc_gain_upper,delong_p,holm_p,auprc_mean,auprc_sd,auprc_gain,auprc_gain_lower,auprc_gain_upper,ci_method,bootstrap_resamples,bootstrap_seed");
        var b = summary.Bootstrap;
        string bootstrap = string.Join(",", b.Method.ShortName(), b.Resamples.ToString(CultureInfo.InvariantCulture), b.Seed.ToString(CultureInfo.InvariantCulture));
        foreach (var r in summary.Rows)
            w.WriteLine(string.Join(",", r.Arm, r.Label, r.Rare ? "true" : "false", F(r.TrainPrevalence), r.Positives.ToString(CultureInfo.InvariantCulture),
                r.Seeds.ToString(CultureInfo.InvariantCulture), F(r.AurocMean), F(r.AurocSd),
                F(r.AurocGain?.Estimate ?? double.NaN), F(r.AurocGain?.Lower ?? double.NaN), F(r.AurocGain?.Upper ?? double.NaN), F(r.DeLongP), F(r.HolmP),
                F(r.AuprcMean), F(r.AuprcSd), F(r.AuprcGain?.Estimate ?? double.NaN), F(r.AuprcGain?.Lower ?? double.NaN), F(r.AuprcGain?.Upper ?? double.NaN),
                bootstrap));
    });
}
