using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Cache;
using XraySynth.Data.Checks;
using XraySynth.Data.Phantom;
using XraySynth.Data.Splitting;
using XraySynth.Data.Stats;

namespace XraySynth.Experiments;

/// <summary>What <see cref="Quickstart.Run"/> produced.</summary>
/// <param name="Dataset">The phantom dataset folder.</param>
/// <param name="ReportFolder">Where figures and tables went.</param>
/// <param name="Steps">One line per step, in order, saying what it did or that it was already done.</param>
public sealed record QuickstartResult(string Dataset, string ReportFolder, IReadOnlyList<string> Steps);

/// <summary>
/// The one-command experiment on the embedded phantom: generate, split (patient-disjoint, stratified), check,
/// describe and prepare the data, then (as the later stages land) train the GAN, balance, train and compare
/// classifiers and write the report. Steps whose outputs exist and are valid are not redone, so an interrupted
/// quickstart continues where it stopped.
/// </summary>
public static class Quickstart
{
    /// <summary>Runs every step; <paramref name="createdBy"/> is the command line, recorded in dataset.json.</summary>
    public static QuickstartResult Run(QuickstartConfig config, string createdBy, IReporter reporter)
    {
        var steps = new List<string>();
        void Step(string line)
        {
            steps.Add(line);
            reporter.Info(line);
        }

        // 1. Data: the phantom, generated once.
        Dataset dataset;
        if (File.Exists(Path.Combine(config.DataFolder, Dataset.InfoFileName)) && File.Exists(Path.Combine(config.DataFolder, DatasetSplitter.RecordFileName)))
        {
            dataset = Dataset.Load(config.DataFolder);
            Step($"data: phantom already in {config.DataFolder} ({dataset.Images.Count} images), kept");
        }
        else
        {
            var phantom = new PhantomConfig { Count = config.Images, Size = config.ImageSize, Seed = config.Seed };
            PhantomGenerator.Generate(phantom, config.DataFolder, createdBy, force: true, reporter);
            // 2. Split: patient-disjoint iterative stratification so every label reaches val and test.
            DatasetSplitter.SplitFolder(config.DataFolder, null, new SplitConfig { Seed = config.Seed }, reporter);
            dataset = Dataset.Load(config.DataFolder);
            Step($"data: generated {dataset.Images.Count} phantom images in {config.DataFolder}, split by patient with stratification");
        }

        // 3. Checks: every later stage trains only on a dataset that passes them.
        DatasetChecks.EnsureValid(dataset, reporter: reporter);
        Step($"data: all checks passed");

        // 4. Stats: tables and figures of label counts per split.
        var (_, files) = StatsReport.Write(dataset, Path.Combine(config.ReportFolder, "data-stats"));
        Step($"data: {files.Count} statistics files in {Path.Combine(config.ReportFolder, "data-stats")}");

        // 5. Prepared cache at the training resolution.
        var prepared = CachePreparer.Prepare(dataset, new PrepareConfig { Size = config.TrainingSize }, reporter);
        Step(prepared.Rebuilt
            ? $"data: prepared {prepared.Count} images at {config.TrainingSize} px"
            : $"data: cache at {config.TrainingSize} px up to date");
        return new QuickstartResult(config.DataFolder, config.ReportFolder, steps);
    }
}
