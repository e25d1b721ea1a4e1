using System.Globalization;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Evaluate;
using XraySynth.Report;

namespace XraySynth.Experiments.Ablation;

/// <summary>
/// The paper report of an ablation run, composed from its store and run folder: <c>report.md</c>, a self-contained
/// <c>report.html</c>, every figure as PNG and SVG under <c>figures/</c> (forest plots of per-label AUROC and AUPRC
/// gains, ROC curves of the baseline against the best arm per label, label counts before/after balancing, real vs
/// synthetic samples per label, GAN training curves and sample progression) and every table as CSV and LaTeX under
/// <c>tables/</c>.
/// </summary>
public static class AblationReport
{
    /// <summary>The report's Markdown file name.</summary>
    public const string MarkdownFile = "report.md";

    /// <summary>Default report folder of a run: <c>reports/NAME</c>.</summary>
    public static string DefaultFolder(AblationRun run) => Path.Combine("reports", run.Settings.Ablation.Name);

    /// <summary>Writes the report of <paramref name="run"/> into <paramref name="folder"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(AblationRun run, AblationSummaryResult summary, string folder, IReporter reporter)
    {
        Directory.CreateDirectory(Path.Combine(folder, "figures"));
        string Figure(string name) => Path.Combine(folder, "figures", name);
        ReportFigure Relative(ReportFigure f) => new(Path.GetRelativePath(folder, f.PngPath).Replace('\\', '/'), Path.GetRelativePath(folder, f.SvgPath).Replace('\\', '/'));
        var config = run.Settings.Ablation;
        var arms = summary.Arms.Where(a => a != summary.Baseline).ToList();
        var blocks = new List<ReportBlock>();
        using var store = ResultStore.Open(run.StoreFile);
        var jobs = store.Jobs().ToDictionary(j => j.Id);

        // 1. Setup and methods.
        blocks.Add(new HeadingBlock(2, "Setup"));
        blocks.Add(new ParagraphBlock(Setup(run, summary, jobs)));
        blocks.Add(new TableBlock(ArmsTable(run)));
        if (summary.MissingCells.Count > 0)
            blocks.Add(new ParagraphBlock($"Incomplete: {summary.MissingCells.Count} cell(s) have no result yet ({string.Join(", ", summary.MissingCells)}); " +
                                          "the numbers below use the finished cells only. Run 'xraysynth ablate' again to finish them."));
        blocks.Add(new ParagraphBlock(Methods(summary)));

        // 2. Gains: forest plots and tables.
        reporter.Info("report: gains");
        if (arms.Count > 0)
        {
            foreach (var (metric, title) in new[] { (RankMetric.Auroc, "AUROC"), (RankMetric.Auprc, "AUPRC") })
            {
                blocks.Add(new HeadingBlock(2, $"Per-label {title} gain over {summary.Baseline}"));
                var points = summary.Rows.Where(r => r.Arm != summary.Baseline).Select(r =>
                {
                    var gain = metric == RankMetric.Auroc ? r.AurocGain : r.AuprcGain;
                    return new ForestPoint(r.Label, r.Arm, gain?.Estimate ?? double.NaN, gain?.Lower ?? double.NaN, gain?.Upper ?? double.NaN, r.Rare);
                }).ToList();
                var forest = ForestPlot.Save(points, Figure($"forest-{title.ToLowerInvariant()}"), $"{title} gain over {summary.Baseline} (95% CI)",
                    $"{title} gain per label over {summary.Baseline}");
                blocks.Add(new FigureBlock(Relative(forest), $"{title} gain of each arm over {summary.Baseline} per label, averaged over seeds, with 95% patient-bootstrap CIs; * marks rare labels (train prevalence < {Percent(config.RarePrevalence)})."));
                blocks.Add(new TableBlock(GainTable(summary, metric, arms)));
            }
        }
        blocks.Add(new HeadingBlock(2, "AUROC and AUPRC per arm"));
        blocks.Add(new TableBlock(MeansTable(summary, RankMetric.Auroc)));
        blocks.Add(new TableBlock(MeansTable(summary, RankMetric.Auprc)));

        // 2b. Detection: AP@0.5 and FROC CPM gains per class, next to the classifier's AUROC gains.
        var detection = DetectionSummary.Compute(run);
        if (detection.Count > 0)
        {
            reporter.Info("report: detection");
            string baselineArm = config.DetectionBaseline;
            var detectionArms = detection.Select(r => r.Arm).Distinct().Where(a => a != baselineArm).ToList();
            blocks.Add(new HeadingBlock(2, $"Detection: per-class AP@0.5 and FROC gain over {baselineArm}"));
            if (detectionArms.Count > 0)
            {
                var points = detection.Where(r => r.Arm != baselineArm).Select(r => new ForestPoint(r.Label, r.Arm,
                    r.Ap50Gain?.Estimate ?? double.NaN, r.Ap50Gain?.Lower ?? double.NaN, r.Ap50Gain?.Upper ?? double.NaN, false)).ToList();
                var forest = ForestPlot.Save(points, Figure("forest-detection-ap50"), $"AP@0.5 gain over {baselineArm} (95% CI)", $"Detector AP@0.5 gain per class over {baselineArm}");
                blocks.Add(new FigureBlock(Relative(forest), $"Detector AP@0.5 gain of each detection arm over {baselineArm} per class and averaged over classes, mean over seeds, 95% CIs: {summary.Bootstrap.Method.Describe()} intervals of {summary.Bootstrap.Resamples} bootstrap resamples of test patients (seed {summary.Bootstrap.Seed})."));
            }
            blocks.Add(new TableBlock(DetectionTable(detection, baselineArm, detectionArms)));
        }

        // 3. ROC curves: baseline vs the arm with the largest AUROC gain, per label (seed-averaged scores).
        reporter.Info("report: ROC curves");
        if (arms.Count > 0 && RocPanels(summary, store) is { Count: > 0 } panels)
        {
            blocks.Add(new HeadingBlock(2, "ROC curves: baseline vs best arm"));
            var grid = RocComparisonFigure.SaveGrid(panels, Figure("roc-best-arm"), columns: Math.Min(4, panels.Count));
            blocks.Add(new FigureBlock(Relative(grid), "Per label, the ROC curve of the baseline and of the arm with the largest mean AUROC gain, each from the per-image predicted probability averaged over seeds, on the real test split."));
        }

        // 4. Label counts before and after balancing (first seed of each balancing arm).
        var real = Dataset.Load(run.Absolute(run.DoneResult(AblationPlan.DataJobId).Outputs["dataset"]));
        var balancing = config.Arms.Where(a => a.Balances).ToList();
        if (balancing.Count > 0)
        {
            reporter.Info("report: label counts");
            blocks.Add(new HeadingBlock(2, "Training label counts before and after balancing"));
            var labels = real.Vocabulary.Names;
            var before = labels.Select(l => real.InSplit(Split.Train).Count(i => i.Has(l))).ToList();
            foreach (var arm in balancing)
            {
                var cell = config.Seeds.Select(s => run.Result(AblationPlan.CellId(arm.Name, s))).FirstOrDefault(r => r is { IsDone: true });
                if (cell is null) continue;
                var balanced = Dataset.Load(run.Absolute(cell.Outputs["dataset"]));
                var after = labels.Select(l => balanced.InSplit(Split.Train).Count(i => i.Has(l))).ToList();
                var figure = LabelCountsFigure.Save(labels, before, after, Figure($"label-counts-{arm.Name}"));
                blocks.Add(new FigureBlock(Relative(figure), $"Arm {arm.Name} (seed {cell.Seed}): train positives per label, real only and after {(arm.Generator is null ? "duplicating real images" : $"adding {arm.Generator} synthetic images")} (log scale)."));
            }
        }

        // 5. Generators: real vs synthetic samples, training curves, sample progression (each generator's first seed).
        foreach (var generator in config.Generators.Where(g => config.Arms.Any(a => a.Generator == g.Name)))
        {
            var gan = AblationPlan.GanSeeds(config).Select(s => run.Result(AblationPlan.GanJobId(generator.Name, s))).FirstOrDefault(r => r is { IsDone: true });
            if (gan is null) continue;
            reporter.Info($"report: generator {generator.Name}");
            blocks.Add(new HeadingBlock(2, $"Generator {generator.Name}"));
            var synthetic = Dataset.Load(run.Absolute(gan.Outputs["synthetic"]));
            var rows = synthetic.Vocabulary.Names.Where(l => synthetic.Images.Any(i => i.Has(l))).Select(l => new SampleRow(l,
                [.. real.InSplit(Split.Train).Where(i => i.Has(l)).Take(4).Select(real.FullPath)],
                [.. synthetic.Images.Where(i => i.Has(l)).Take(4).Select(synthetic.FullPath)])).ToList();
            if (rows.Count > 0)
            {
                var grid = SampleComparisonGrid.Save(rows, Figure($"samples-{generator.Name}"));
                blocks.Add(new FigureBlock(Relative(grid), $"Real training images (left) and {generator.Name} synthetic images (right) per label (seed {gan.Seed})."));
            }
            string ganRun = run.Absolute(gan.Outputs["gan"]);
            blocks.Add(new FigureBlock(Relative(GanTrainingFigures.SaveCurves(ganRun, Figure($"gan-curves-{generator.Name}"))),
                $"{generator.Name} training losses against thousands of real images shown (kimg)."));
            blocks.Add(new FigureBlock(Relative(GanTrainingFigures.SaveProgression(ganRun, Figure($"gan-progress-{generator.Name}"))),
                $"{generator.Name} samples at fixed latents over training (one row per label condition)."));
        }

        // 6. Provenance: every job's time, device and commit.
        blocks.Add(new HeadingBlock(2, "Jobs"));
        blocks.Add(new TableBlock(JobsTable(run, jobs)));

        var document = new ReportDocument($"Ablation {config.Name}: what synthetic data gained per disease", blocks);
        return ReportWriter.Write(document, folder);
    }

    static string Setup(AblationRun run, AblationSummaryResult summary, IReadOnlyDictionary<string, StoredJob> jobs)
    {
        var config = run.Settings.Ablation;
        var classifier = run.Settings.Classifier;
        var commits = jobs.Values.Select(j => j.GitCommit).OfType<string>().Distinct().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"Dataset {config.Data}: {summary.TestImages} real test images from {summary.TestPatients} patients score every cell. " +
            $"{summary.Arms.Count} arms × {config.Seeds.Count} seeds ({string.Join(", ", config.Seeds)}); baseline {summary.Baseline}. " +
            $"Classifier {classifier.Architecture.ToString().ToLowerInvariant()} at {classifier.ImageSize} px, {classifier.Epochs} epochs, batch {classifier.BatchSize}, " +
            $"learning rate {classifier.LearningRate}, checkpoint selected by validation mean AUROC. Rare labels: train prevalence below {Percent(config.RarePrevalence)}. " +
            $"Code: {(commits.Count == 0 ? "commit unknown" : string.Join(", ", commits))}. Run folder: {run.Path}.");
    }

    static string Methods(AblationSummaryResult summary) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Statistics. AUROC (ties count ½) and AUPRC (average precision) per cell on the real test split; mean ± sample sd over seeds. " +
            $"Gain = seed-averaged metric of the arm minus that of {summary.Baseline}; its 95% CI is the {summary.Bootstrap.Method.Describe()} interval of {summary.Bootstrap.Resamples} " +
            $"bootstrap resamples of test patients (seed {summary.Bootstrap.Seed}), each resample rescoring every run of both arms. " +
            $"p = DeLong's paired test of the two arms' seed-averaged predicted probabilities, Holm-adjusted over each arm's labels " +
            $"(n/a where a label has too few test positives). Bold rows: rare labels.");

    static ReportTable ArmsTable(AblationRun run)
    {
        var rows = run.Settings.Ablation.Arms.Select(a => (IReadOnlyList<string>)[a.Name, Describe(a, run.Settings)]).ToList();
        return new ReportTable("arms", "Arms of the ablation", ["arm", "training data and loss"], rows);
    }

    static string Describe(ArmSpec arm, AblationSettings settings)
    {
        var parts = new List<string>();
        if (arm.Generator is { } g)
        {
            string strategy = arm.Strategy is { } s ? Balance.BalanceStrategyNames.Format(s) : "target-count";
            parts.Add($"real + {g} synthetic images ({strategy}{(arm.Target is int t ? $", target {t}" : "")}{(arm.Ratio is double r ? string.Create(CultureInfo.InvariantCulture, $", ratio {r}") : "")})");
        }
        else if (arm.Strategy == Balance.BalanceStrategy.Oversample) parts.Add($"real, rare positives duplicated (oversample{(arm.Target is int t ? $" to {t}" : "")})");
        else parts.Add("real images only");
        parts.Add($"loss {Configuration.ConfigNames.EnumText(typeof(Classify.ClassifierLoss), (arm.Loss ?? settings.Classifier.Loss).ToString())}");
        parts.Add($"sampling {Configuration.ConfigNames.EnumText(typeof(Classify.ClassifierSampling), (arm.Sampling ?? settings.Classifier.Sampling).ToString())}");
        return string.Join("; ", parts);
    }

    static ReportTable GainTable(AblationSummaryResult summary, RankMetric metric, IReadOnlyList<string> arms)
    {
        string name = metric == RankMetric.Auroc ? "AUROC" : "AUPRC";
        var columns = new List<string> { "label", "train prevalence", "test positives", $"{summary.Baseline} {name}" };
        foreach (string arm in arms) columns.AddRange(metric == RankMetric.Auroc ? [$"{arm} gain (95% CI)", $"{arm} Holm p"] : [$"{arm} gain (95% CI)"]);
        var rows = new List<IReadOnlyList<string>>();
        var highlight = new HashSet<int>();
        foreach (string label in summary.Labels)
        {
            var baseline = summary.Row(summary.Baseline, label);
            var cells = new List<string> { label + (baseline.Rare ? " *" : ""), Percent(baseline.TrainPrevalence), baseline.Positives.ToString(CultureInfo.InvariantCulture),
                MeanSd(metric == RankMetric.Auroc ? baseline.AurocMean : baseline.AuprcMean, metric == RankMetric.Auroc ? baseline.AurocSd : baseline.AuprcSd) };
            foreach (string arm in arms)
            {
                var row = summary.Row(arm, label);
                var gain = metric == RankMetric.Auroc ? row.AurocGain : row.AuprcGain;
                cells.Add(gain is null ? "n/a" : $"{Signed(gain.Estimate)} ({Signed(gain.Lower)} to {Signed(gain.Upper)})");
                if (metric == RankMetric.Auroc) cells.Add(P(row.HolmP));
            }
            if (baseline.Rare) highlight.Add(rows.Count);
            rows.Add(cells);
        }
        return new ReportTable($"{name.ToLowerInvariant()}-gain", $"{name} gain over {summary.Baseline} per label (mean over seeds; 95% patient-bootstrap CI)", columns, rows, highlight,
            "* rare label (bold).");
    }

    static ReportTable DetectionTable(IReadOnlyList<DetectionArmSummary> rows, string baseline, IReadOnlyList<string> arms)
    {
        var columns = new List<string> { "class", "test boxes", $"{baseline} AP@0.5", $"{baseline} AP@[.5:.95]", $"{baseline} CPM" };
        foreach (string arm in arms) columns.AddRange([$"{arm} AP@0.5 gain (95% CI)", $"{arm} CPM gain (95% CI)"]);
        var table = new List<IReadOnlyList<string>>();
        foreach (var b in rows.Where(r => r.Arm == baseline))
        {
            var cells = new List<string> { b.Label, b.TruthBoxes.ToString(CultureInfo.InvariantCulture), MeanSd(b.Ap50Mean, b.Ap50Sd), F(b.ApMean), F(b.CpmMean) };
            foreach (string arm in arms)
            {
                var r = rows.FirstOrDefault(x => x.Arm == arm && x.Label == b.Label);
                string Ci(BootstrapCi? g) => g is null ? "n/a" : $"{Signed(g.Estimate)} ({Signed(g.Lower)} to {Signed(g.Upper)})";
                cells.AddRange([Ci(r?.Ap50Gain), Ci(r?.CpmGain)]);
            }
            table.Add(cells);
        }
        return new ReportTable("detection-gain", $"Detector per class on the real test boxes: {baseline} scores (mean over seeds) and each arm's gain (95% patient-bootstrap CI)", columns, table,
            new HashSet<int> { table.Count - 1 }, "CPM: mean sensitivity at 1/8 … 8 false positives per image (FROC). Bold: mean over classes.");
    }

    static ReportTable MeansTable(AblationSummaryResult summary, RankMetric metric)
    {
        string name = metric == RankMetric.Auroc ? "AUROC" : "AUPRC";
        var rows = new List<IReadOnlyList<string>>();
        var highlight = new HashSet<int>();
        foreach (string label in summary.Labels)
        {
            var cells = new List<string> { label };
            bool rare = false;
            foreach (string arm in summary.Arms)
            {
                var row = summary.Row(arm, label);
                rare |= row.Rare;
                cells.Add(MeanSd(metric == RankMetric.Auroc ? row.AurocMean : row.AuprcMean, metric == RankMetric.Auroc ? row.AurocSd : row.AuprcSd));
            }
            if (rare) highlight.Add(rows.Count);
            rows.Add(cells);
        }
        return new ReportTable($"{name.ToLowerInvariant()}-by-arm", $"Test {name} per label and arm (mean ± sd over seeds)", ["label", .. summary.Arms], rows, highlight);
    }

    static IReadOnlyList<(string Label, IReadOnlyList<RocSeries> Series)> RocPanels(AblationSummaryResult summary, ResultStore store)
    {
        var labels = summary.Labels;
        var cellsByArm = store.Jobs().Where(j => j.Kind == "cell" && j.Status == JobResult.Done && j.Arm is not null).GroupBy(j => j.Arm!)
            .ToDictionary(g => g.Key, g => g.Select(j => store.Predictions(j.Id, labels)).OfType<Classify.Evaluation.Predictions>().ToList());
        if (!cellsByArm.TryGetValue(summary.Baseline, out var baselineRuns) || baselineRuns.Count == 0) return [];
        var order = baselineRuns[0].ImageIds;
        double[,] Mean(List<Classify.Evaluation.Predictions> runs) => AblationSummary.MeanScores([.. runs.Select(r => r.Align(order))]);
        var means = cellsByArm.ToDictionary(p => p.Key, p => Mean(p.Value));
        var truth = baselineRuns[0].Truth;
        var panels = new List<(string, IReadOnlyList<RocSeries>)>();
        for (int l = 0; l < labels.Count; l++)
        {
            var best = summary.Rows.Where(r => r.Label == labels[l] && r.Arm != summary.Baseline && r.AurocGain is { } g && double.IsFinite(g.Estimate))
                .OrderByDescending(r => r.AurocGain!.Estimate).FirstOrDefault();
            if (best is null) continue;
            int[] known = LabelMatrix.Known(LabelMatrix.Column(truth, l));
            bool[] t = [.. known.Select(i => truth[i, l] == 1.0)];
            if (!t.Any(v => v) || t.All(v => v)) continue;
            RocSeries Series(string arm) => new(arm, [.. known.Select(i => means[arm][i, l])], t);
            panels.Add((labels[l], [Series(summary.Baseline), Series(best.Arm)]));
        }
        return panels;
    }

    static ReportTable JobsTable(AblationRun run, IReadOnlyDictionary<string, StoredJob> jobs)
    {
        var rows = run.Plan.Jobs.Select(j => jobs.TryGetValue(j.Id, out var s)
            ? (IReadOnlyList<string>)[j.Id, s.Status, s.Seconds.ToString("0", CultureInfo.InvariantCulture), s.FinishedUtc, s.GitCommit is { Length: >= 12 } c ? c[..12] + (c.EndsWith("-dirty", StringComparison.Ordinal) ? "-dirty" : "") : s.GitCommit ?? ""]
            : [j.Id, "pending", "", "", ""]).ToList();
        return new ReportTable("jobs", "Jobs of the run: status, wall-clock seconds, finish time (UTC) and source commit", ["job", "status", "seconds", "finished", "commit"], rows);
    }

    static string Percent(double v) => double.IsFinite(v) ? (v * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "n/a";
    static string F(double v) => double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
    static string MeanSd(double mean, double sd) => double.IsFinite(sd) ? $"{F(mean)} ± {F(sd)}" : F(mean);
    static string Signed(double v) => double.IsFinite(v) ? v.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "n/a";
    static string P(double p) => !double.IsFinite(p) ? "n/a" : p < 0.001 ? "<0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);
}
