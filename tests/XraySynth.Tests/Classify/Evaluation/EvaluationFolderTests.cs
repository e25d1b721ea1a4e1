using XraySynth.Classify;
using XraySynth.Classify.Evaluation;
using XraySynth.Classify.Networks;
using XraySynth.Classify.Training;
using XraySynth.Cli;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Phantom;
using XraySynth.Data.Splitting;
using XraySynth.Evaluate;
using XraySynth.Tests.TestSupport;
using XraySynth.Torch;

namespace XraySynth.Tests.Classify.Evaluation;

[Collection(GlobalRandomCollection.Name)]
public sealed class EvaluationFolderTests
{
    static readonly BootstrapOptions Bootstrap = new() { Resamples = 20 };

    [Fact]
    public void Evaluating_on_another_dataset_writes_beside_the_runs_own_results_and_never_replaces_other_results()
    {
        using var temp = new TempDirectory();
        PhantomGenerator.Generate(new PhantomConfig { Count = 80, Size = 32, Seed = 2 }, temp.File("data"), "test", force: false, NullReporter.Instance);
        var config = new ClassifierConfig { Architecture = ClassifierArchitecture.ResNet18, Data = temp.File("data"), Out = temp.File("runs"), ImageSize = 32, Epochs = 1, BatchSize = 16, Workers = 1 };
        var run = ClassifierTrainer.Train(new ClassifierTrainingRequest(config, null, "test"),
            TorchRuntime.Start(new TorchRuntimeOptions { Device = DeviceSpec.Cpu, Seed = 5 }), NullReporter.Instance, CancellationToken.None).RunFolder;
        // Two other datasets with the same test images (train/val re-split, so no leakage) and the same name.
        foreach (string other in new[] { "other", "other2" })
            DatasetSplitter.SplitFolder(temp.File("data"), temp.File(other), new SplitConfig { Seed = 99, KeepTest = true }, NullReporter.Instance);
        EvaluationResult Evaluate(string? data) => ClassifierEvaluator.Evaluate(run, Split.Test, data, Bootstrap, TorchFixture.Cpu.Device, NullReporter.Instance);

        var own = Evaluate(null);
        Assert.Equal(Path.Combine(run, "eval-test"), own.Folder);
        var elsewhere = Evaluate(temp.File("other"));
        Assert.Equal(Path.Combine(run, $"eval-{Dataset.Load(temp.File("other")).Info.Name}-test"), elsewhere.Folder);
        Assert.Equal(EvaluationFolder.Record("the run's own", "test", run), File.ReadAllText(Path.Combine(own.Folder, EvaluationFolder.RecordFile)));
        Assert.Contains($"runs: {Path.GetFileName(run)}\n", File.ReadAllText(Path.Combine(own.Folder, EvaluationFolder.RecordFile)));
        Assert.Contains(Path.GetFullPath(temp.File("other")), File.ReadAllText(Path.Combine(elsewhere.Folder, EvaluationFolder.RecordFile)));

        // A run moved elsewhere (e.g. copied back from a cluster) re-evaluates into its own folder.
        string moved = Path.Combine(temp.File("moved"), Path.GetFileName(run));
        foreach (string file in Directory.EnumerateFiles(run, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(moved, Path.GetRelativePath(run, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        Assert.Equal(Path.Combine(moved, "eval-test"), ClassifierEvaluator.Evaluate(moved, Split.Test, null, Bootstrap, TorchFixture.Cpu.Device, NullReporter.Instance).Folder);

        var clash = Assert.Throws<UserError>(() => Evaluate(temp.File("other2")));     // same name, another dataset: refused
        Assert.Contains("holds other results", clash.Message);
        Assert.Equal(elsewhere.Folder, Evaluate(temp.File("other")).Folder);              // the same evaluation again replaces its own

        ComparisonResult Compare(string? data) => ClassifierEvaluator.Compare(run, run, Split.Test, data, temp.File("cmp"), Bootstrap, TorchFixture.Cpu.Device, NullReporter.Instance);
        Compare(null);
        Assert.Contains("holds other results", Assert.Throws<UserError>(() => Compare(temp.File("other"))).Message);
    }

    [Fact]
    public void Default_comparison_folders_differ_by_dataset_and_split()
    {
        string[] folders =
        [
            RunEvalOptions.DefaultCompareFolder("compare", "runs/a", "runs/b", null, Split.Test),
            RunEvalOptions.DefaultCompareFolder("compare", "runs/a", "runs/b", "datasets/other", Split.Test),
            RunEvalOptions.DefaultCompareFolder("compare", "runs/a", "runs/b", null, Split.Val),
        ];
        Assert.Equal(Path.Combine("reports", "compare-a-vs-b"), folders[0]);
        Assert.Equal(Path.Combine("reports", "compare-a-vs-b-on-other"), folders[1]);
        Assert.Equal(Path.Combine("reports", "compare-a-vs-b-val"), folders[2]);
    }
}
