using XraySynth.Classify;
using XraySynth.Classify.Evaluation;
using XraySynth.Classify.Networks;
using XraySynth.Classify.Training;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Phantom;
using XraySynth.Data.Splitting;
using XraySynth.Detect.Evaluation;
using XraySynth.Detect.Training;
using XraySynth.Evaluate;
using XraySynth.Tests.Data.Import;
using XraySynth.Tests.Detect.Training;
using XraySynth.Tests.TestSupport;
using XraySynth.Torch;

namespace XraySynth.Tests.Classify.Evaluation;

[Collection(GlobalRandomCollection.Name)]
public sealed class TrainingOverlapTests
{
    static readonly BootstrapOptions Bootstrap = new() { Resamples = 20 };

    static ClassifierTrainingResult TrainClassifier(string data, string output)
    {
        PhantomGenerator.Generate(new PhantomConfig { Count = 80, Size = 32, Seed = 2 }, data, "test", force: false, NullReporter.Instance);
        var config = new ClassifierConfig
        {
            Architecture = ClassifierArchitecture.ResNet18, Data = data, Out = output, ImageSize = 32, Epochs = 1, BatchSize = 16, Workers = 1,
        };
        return ClassifierTrainer.Train(new ClassifierTrainingRequest(config, null, "test"),
            TorchRuntime.Start(new TorchRuntimeOptions { Device = DeviceSpec.Cpu, Seed = 5 }), NullReporter.Instance, CancellationToken.None);
    }

    static EvaluationResult Evaluate(string run, string? data = null, IReporter? reporter = null, bool allow = false) =>
        ClassifierEvaluator.Evaluate(run, Split.Test, data, Bootstrap, TorchFixture.Cpu.Device, reporter ?? NullReporter.Instance, allow);

    [Fact]
    public void Classifier_eval_refuses_a_test_split_that_holds_training_images_after_a_re_split_or_on_another_dataset()
    {
        using var temp = new TempDirectory();
        var trained = TrainClassifier(temp.File("data"), temp.File("runs"));
        var original = Dataset.Load(temp.File("data"));
        var seen = original.Images.Where(i => i.Split != Split.Test).ToList();
        var recorded = TrainingImages.Read(trained.RunFolder)!;
        Assert.Equal(seen.Select(i => i.Id).ToHashSet(), recorded.ImageIds);
        Assert.Equal(TrainingImages.Fingerprint(original), ClassifierRunInfo.Read(Path.Combine(trained.RunFolder, "run.json")).SplitFingerprint);
        Assert.NotEmpty(Evaluate(trained.RunFolder).Metrics);   // its own, untouched test split is fine
        // Its validation split too: there only the training images count (the run selected its checkpoint on val).
        Assert.Equal(original.InSplit(Split.Train).Select(i => i.Id).ToHashSet(), TrainingImages.Read(trained.RunFolder, includeValidation: false)!.ImageIds);
        Assert.NotEmpty(ClassifierEvaluator.Evaluate(trained.RunFolder, Split.Val, null, Bootstrap, TorchFixture.Cpu.Device, NullReporter.Instance, false).Metrics);

        // Another dataset holding the same images, split differently.
        DatasetSplitter.SplitFolder(temp.File("data"), temp.File("other"), new SplitConfig { Seed = 99 }, NullReporter.Instance);
        var other = Assert.Throws<UserError>(() => Evaluate(trained.RunFolder, temp.File("other")));
        Assert.Contains("shares them with the run's dataset", other.Message);
        Assert.Contains(TrainingOverlap.AllowFlag, other.Message);

        // The run's own dataset, re-split in place after training.
        DatasetSplitter.SplitFolder(temp.File("data"), null, new SplitConfig { Seed = 99 }, NullReporter.Instance);
        var resplit = Assert.Throws<UserError>(() => Evaluate(trained.RunFolder));
        Assert.Contains("the dataset was re-split after training", resplit.Message);
        var leaked = Dataset.Load(temp.File("data")).InSplit(Split.Test).Count(i => recorded.ImageIds.Contains(i.Id));
        Assert.Matches($"trained or validated on {leaked} of the \\d+ test images \\(e\\.g\\. ", resplit.Message);
        Assert.Throws<UserError>(() => ClassifierEvaluator.Compare(trained.RunFolder, trained.RunFolder, Split.Test, null, temp.File("cmp"), Bootstrap,
            TorchFixture.Cpu.Device, NullReporter.Instance));

        // Overridden: a loud warning, recorded in metrics.md.
        var reporter = new RecordingReporter();
        var forced = Evaluate(trained.RunFolder, reporter: reporter, allow: true);
        Assert.Contains(reporter.Warnings, w => w.StartsWith("WARNING (--allow-training-overlap)", StringComparison.Ordinal));
        Assert.Contains("> **WARNING (--allow-training-overlap):", File.ReadAllText(Path.Combine(forced.Folder, "metrics.md")));

        // A run trained before the images were recorded still evaluates, with a one-line note.
        File.Delete(Path.Combine(trained.RunFolder, TrainingImages.FileName));
        var old = new RecordingReporter();
        Evaluate(trained.RunFolder, reporter: old);
        Assert.Single(old.Warnings, w => w.Contains("could not be checked", StringComparison.Ordinal));
        Assert.DoesNotContain("WARNING", File.ReadAllText(Path.Combine(forced.Folder, "metrics.md")));
    }

    [Fact]
    public void Detector_eval_keeps_its_own_results_apart_from_another_datasets_and_refuses_a_test_split_re_split_after_training()
    {
        using var temp = new TempDirectory();
        DetectorTrainerTests.Phantom(temp.File("data"));
        var trained = DetectorTrainerTests.Train(new XraySynth.Detect.DetectorConfig
        {
            Data = temp.File("data"), Out = temp.File("runs"), ImageSize = 64, Width = 8, PyramidChannels = 16, Epochs = 1, BatchSize = 8,
        });
        Assert.NotNull(DetectorRunInfo.Read(Path.Combine(trained.RunFolder, "run.json")).SplitFingerprint);
        // Another dataset with the same test images: its results go beside the run's own, which stay.
        DatasetSplitter.SplitFolder(temp.File("data"), temp.File("other"), new SplitConfig { Seed = 99, KeepTest = true }, NullReporter.Instance);
        var own = DetectorEvaluator.Evaluate(trained.RunFolder, Split.Test, null, Bootstrap, TorchFixture.Cpu.Device, NullReporter.Instance);
        var other = DetectorEvaluator.Evaluate(trained.RunFolder, Split.Test, temp.File("other"), Bootstrap, TorchFixture.Cpu.Device, NullReporter.Instance);
        Assert.NotEqual(own.Folder, other.Folder);
        Assert.Equal(Path.Combine(trained.RunFolder, "eval-test"), own.Folder);
        Assert.Equal(EvaluationFolder.Record("the run's own", "test", trained.RunFolder), File.ReadAllText(Path.Combine(own.Folder, EvaluationFolder.RecordFile)));

        DatasetSplitter.SplitFolder(temp.File("data"), null, new SplitConfig { Seed = 99 }, NullReporter.Instance);
        var error = Assert.Throws<UserError>(() => DetectorEvaluator.Evaluate(trained.RunFolder, Split.Test, null, Bootstrap, TorchFixture.Cpu.Device, NullReporter.Instance));
        Assert.Contains("the dataset was re-split after training", error.Message);
    }
}
