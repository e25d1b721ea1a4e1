using XraySynth.Common;
using XraySynth.Evaluate;
using XraySynth.Evaluate.Detection;

namespace XraySynth.Experiments.Ablation;

/// <summary>One detection arm × class of the summary.</summary>
/// <param name="Arm">Detection arm.</param>
/// <param name="Label">Class.</param>
/// <param name="TruthBoxes">Test boxes of the class.</param>
/// <param name="Seeds">Finished cells of the arm.</param>
/// <param name="Ap50Mean">AP@0.5 averaged over seeds.</param>
/// <param name="Ap50Sd">Sample sd of AP@0.5 over seeds.</param>
/// <param name="ApMean">AP@[.5:.95] averaged over seeds.</param>
/// <param name="CpmMean">FROC CPM averaged over seeds.</param>
/// <param name="Ap50Gain">Seed-averaged AP@0.5 gain over the baseline, patient-bootstrap CI (null for the baseline).</param>
/// <param name="CpmGain">Seed-averaged CPM gain over the baseline, patient-bootstrap CI (null for the baseline).</param>
public sealed record DetectionArmSummary(string Arm, string Label, int TruthBoxes, int Seeds, double Ap50Mean, double Ap50Sd, double ApMean, double CpmMean,
    BootstrapCi? Ap50Gain, BootstrapCi? CpmGain);

/// <summary>
/// Per detection arm and class (plus "mean" over classes), from each cell's test detections: AP@0.5, AP@[.5:.95] and
/// FROC CPM averaged over seeds, and the AP@0.5 and CPM gains over the detection baseline averaged over seeds with 95%
/// CIs from one patient bootstrap that rescores every run (as <see cref="SeedPooledGain"/> does for AUROC).
/// </summary>
public static class DetectionSummary
{
    /// <summary>The rows, or empty when the run has no finished detection cell.</summary>
    public static IReadOnlyList<DetectionArmSummary> Compute(AblationRun run)
    {
        var config = run.Settings.Ablation;
        if (config.DetectionArms.Count == 0) return [];
        var plan = run.Plan;
        var files = new Dictionary<string, List<DetectionFile>>();
        DetectionFile? reference = null;
        foreach (string arm in new[] { config.DetectionBaseline }.Concat(config.DetectionArms.Select(a => a.Name).Where(a => a != config.DetectionBaseline)))
        {
            var list = new List<DetectionFile>();
            foreach (var cell in plan.DetectionCells.Where(c => c.Arm == arm))
                if (run.Result(cell.Id) is { IsDone: true } result)
                {
                    var file = DetectionFile.Read(run.Absolute(result.Outputs["detections"]));
                    reference ??= file;
                    list.Add(file.Align(reference.ImageIds));
                }
            files[arm] = list;
        }
        if (reference is null || files[config.DetectionBaseline].Count == 0) return [];
        var options = new BootstrapOptions { Resamples = config.Bootstrap, Seed = config.Seeds[0], Method = config.BootstrapMethod };
        int n = reference.ImageIds.Length, classes = reference.Classes.Count;
        var baseline = files[config.DetectionBaseline].Select(f => ClassStatistics.For(f.Images, classes, 0.5)).ToList();
        var rows = new List<DetectionArmSummary>();
        foreach (var arm in config.DetectionArms.Select(a => a.Name))
        {
            if (files[arm].Count == 0) continue;
            var stats = files[arm].Select(f => ClassStatistics.For(f.Images, classes, 0.5)).ToList();
            bool isBaseline = arm == config.DetectionBaseline;
            for (int c = 0; c <= classes; c++)
            {
                bool mean = c == classes;
                double Ap50(ClassStatistics[] s, int[]? w) => mean ? DetectionMetrics.FiniteMean(s.Select(x => x.Ap50(w))) : s[c].Ap50(w);
                double Ap(ClassStatistics[] s) => mean ? DetectionMetrics.FiniteMean(s.Select(x => x.Ap(null))) : s[c].Ap(null);
                double Cpm(ClassStatistics[] s, int[]? w) => mean ? DetectionMetrics.FiniteMean(s.Select(x => x.Froc(w).Average())) : s[c].Froc(w).Average();
                double[] ap50 = [.. stats.Select(s => Ap50(s, null))];
                BootstrapCi? Gain(Func<ClassStatistics[], int[]?, double> metric) => isBaseline ? null : PatientBootstrap.Ci(indices =>
                {
                    int[] w = ClassHits.WeightsOf(indices, n);
                    return stats.Average(s => metric(s, w)) - baseline.Average(s => metric(s, w));
                }, reference.PatientIds, options);
                int boxes = reference.Images.Sum(i => i.Truth.Count(t => mean || t.Class == c));
                rows.Add(new DetectionArmSummary(arm, mean ? "mean" : reference.Classes[c], boxes, stats.Count, ap50.Average(), AblationSummary.SampleSd(ap50),
                    stats.Average(Ap), stats.Average(s => Cpm(s, null)), Gain(Ap50), Gain(Cpm)));
            }
        }
        return rows;
    }
}
