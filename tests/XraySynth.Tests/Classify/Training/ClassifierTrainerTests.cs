using XraySynth.Classify;
using XraySynth.Classify.Evaluation;
using XraySynth.Classify.Networks;
using XraySynth.Classify.Training;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Phantom;
using XraySynth.Evaluate;
using XraySynth.Tests.TestSupport;
using XraySynth.Torch;

namespace XraySynth.Tests.Classify.Training;

[Collection(XraySynth.Tests.TestSupport.GlobalRandomCollection.Name)]
public sealed class ClassifierTrainerTests
{
    static ClassifierConfig Config(string data, string output, int epochs) => new()
    {
        Architecture = ClassifierArchitecture.ResNet18, Data = data, Out = output, ImageSize = 32, Epochs = epochs, BatchSize = 16,
        LearningRate = 2e-3, WarmupEpochs = 0.5, Workers = 1, Patience = 10,
    };

    static Dataset Phantom(string folder) =>
        PhantomGenerator.Generate(new PhantomConfig { Count = 80, Size = 32, Seed = 2 }, folder, "test", force: false, NullReporter.Instance);

    static ClassifierTrainingResult Train(ClassifierConfig config, string? resume = null, CancellationToken cancel = default, long seed = 5, IReporter? reporter = null,
        bool channelsLastOnCpu = false) =>
        ClassifierTrainer.Train(new ClassifierTrainingRequest(config, resume, "test", channelsLastOnCpu),
            TorchRuntime.Start(new TorchRuntimeOptions { Device = DeviceSpec.Cpu, Seed = seed }), reporter ?? NullReporter.Instance, cancel);

    /// <summary>Cancels when a detail message starts with a prefix (e.g. the end of epoch 1), like Ctrl-C at that moment.</summary>
    sealed class CancelOn(string prefix, CancellationTokenSource source) : IReporter
    {
        public void Info(string message) { }
        public void Detail(string message) { if (message.StartsWith(prefix, StringComparison.Ordinal)) source.Cancel(); }
        public void Warn(string message) { }
        public IProgressTask Start(string description, double total) => NullReporter.Instance.Start(description, total);
    }

    [Fact]
    public void Training_selects_the_best_validation_epoch_and_an_interrupted_run_resumes_exactly()
    {
        using var temp = new TempDirectory();
        Phantom(temp.File("data"));
        var straight = Train(Config(temp.File("data"), temp.File("a"), epochs: 3));
        using var cancel = new CancellationTokenSource();
        var stopped = Train(Config(temp.File("data"), temp.File("b"), epochs: 3), cancel: cancel.Token, reporter: new CancelOn("epoch 1:", cancel));
        Assert.True(stopped.Cancelled);
        Assert.Equal(1, stopped.State.Epoch);
        var resumed = Train(Config(temp.File("data"), temp.File("b"), epochs: 3), resume: stopped.RunFolder, seed: 77);

        Assert.Equal(straight.State, resumed.State);
        Assert.Equal(3, straight.State.Epoch);
        Assert.InRange(straight.State.BestEpoch, 1, 3);
        Assert.True(File.ReadAllBytes(straight.BestModel).AsSpan().SequenceEqual(File.ReadAllBytes(resumed.BestModel)),
            "the best model after a resume differs from the straight run's");
        var log = File.ReadAllLines(Path.Combine(straight.RunFolder, "log.csv"));
        Assert.Equal(4, log.Length);
        Assert.StartsWith("epoch,step,train_loss,val_mean_auroc", log[0]);
        Assert.Equal(File.ReadAllLines(Path.Combine(resumed.RunFolder, "log.csv")).Select(Strip), log.Select(Strip));
    }

    [Fact]
    public void With_the_cuda_layout_channels_last_an_interrupted_run_resumes_exactly()
    {
        // CUDA runs lay the weights, AdamW moments and batches out NHWC (channels_last defaults to true); here on the CPU.
        using var temp = new TempDirectory();
        Phantom(temp.File("data"));
        var config = Config(temp.File("data"), temp.File("a"), epochs: 2) with { ChannelsLast = true };
        var straight = Train(config, channelsLastOnCpu: true);
        using var cancel = new CancellationTokenSource();
        var stopped = Train(config with { Out = temp.File("b") }, cancel: cancel.Token, reporter: new CancelOn("epoch 1:", cancel), channelsLastOnCpu: true);
        Assert.Equal(1, stopped.State.Epoch);
        var resumed = Train(config with { Out = temp.File("b") }, resume: stopped.RunFolder, seed: 77, channelsLastOnCpu: true);

        Assert.Equal(straight.State, resumed.State);
        Assert.True(File.ReadAllBytes(straight.BestModel).AsSpan().SequenceEqual(File.ReadAllBytes(resumed.BestModel)),
            "the best channels-last model after a resume differs from the straight run's");
        using var trained = TrainedClassifier.Load(straight.RunFolder, TorchSharp.torch.CPU);   // a dense model reads it
        Assert.Equal(straight.State.BestEpoch, trained.Header.Epoch);
    }

    [Fact]
    public void The_progress_status_names_the_epoch_being_trained_and_ends_on_the_last_epochs_results()
    {
        using var temp = new TempDirectory();
        Phantom(temp.File("data"));
        var progress = new ProgressRecorder();
        Train(Config(temp.File("data"), temp.File("runs"), epochs: 2), reporter: progress);

        var steps = progress.Of("classify train");
        var (_, done, total, status) = steps[^1];
        Assert.Equal(total, done);
        Assert.StartsWith("epoch 2/2 done: loss ", status);
        Assert.Contains("val AUROC", status);
        // Each half of the progress is one epoch; every step shows that epoch.
        Assert.All(steps.Where(s => s.Done > 0), s => Assert.StartsWith($"epoch {(int)Math.Ceiling(s.Done / s.Total * 2)}/2", s.Status));
    }

    static string Strip(string line) => string.Join(',', line.Split(',').Where((_, i) => i != 5)); // drop img/s

    [Fact]
    public void Early_stopping_ends_the_run_after_patience_epochs_without_improvement()
    {
        using var temp = new TempDirectory();
        Phantom(temp.File("data"));
        var result = Train(Config(temp.File("data"), temp.File("runs"), epochs: 30) with { Patience = 1, LearningRate = 1e-7, WarmupEpochs = 0 });
        Assert.True(result.StoppedEarly);
        Assert.True(result.State.Epoch < 30);
        Assert.Equal(result.State.BestEpoch + 1, result.State.Epoch);
    }

    [Fact]
    public void Evaluation_writes_predictions_and_metrics_that_match_an_independent_recomputation()
    {
        using var temp = new TempDirectory();
        Phantom(temp.File("data"));
        var trained = Train(Config(temp.File("data"), temp.File("runs"), epochs: 2));
        var result = ClassifierEvaluator.Evaluate(trained.RunFolder, Split.Test, null, new BootstrapOptions { Resamples = 100 }, TorchFixture.Cpu.Device, NullReporter.Instance);

        var predictions = Predictions.Read(Path.Combine(result.Folder, "predictions.csv"));
        var dataset = Dataset.Load(temp.File("data"));
        var test = dataset.Images.Where(i => i.Split == Split.Test).ToList();
        Assert.Equal(test.Select(i => i.Id), predictions.ImageIds);
        Assert.Equal(test.Select(i => i.PatientId), predictions.PatientIds);
        for (int l = 0; l < predictions.Labels.Count; l++)
        {
            var scores = Enumerable.Range(0, test.Count).Select(i => predictions.Probabilities[i, l]).ToArray();
            var truth = test.Select(i => i.Has(predictions.Labels[l])).ToArray();
            double expected = Auroc.Compute(scores, truth);
            Assert.Equal(expected, result.Metrics[l].Auroc.Estimate, 10);
        }
        Assert.True(File.Exists(Path.Combine(result.Folder, "metrics.csv")));
        Assert.Contains("| Cardiomegaly", File.ReadAllText(Path.Combine(result.Folder, "metrics.md")));
        Assert.Contains("CIs: percentile bootstrap over patients, 100 resamples, seed 0 (all images", File.ReadAllText(Path.Combine(result.Folder, "metrics.md")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(result.Folder, "roc"), "*.png"));
    }

    [Fact]
    public void Comparing_a_run_with_itself_gives_zero_differences_and_p_one()
    {
        using var temp = new TempDirectory();
        Phantom(temp.File("data"));
        var trained = Train(Config(temp.File("data"), temp.File("runs"), epochs: 1));
        var result = ClassifierEvaluator.Compare(trained.RunFolder, trained.RunFolder, Split.Test, null, temp.File("cmp"),
            new BootstrapOptions { Resamples = 50 }, TorchFixture.Cpu.Device, NullReporter.Instance);
        Assert.All(result.Rows.Where(r => r.Positives > 0 && r.Negatives > 0), r =>
        {
            Assert.Equal(0, r.Difference.Estimate, 12);
            Assert.Equal(1, r.DeLong.PValue, 12);
        });
        Assert.True(File.Exists(temp.File("cmp/comparison.md")));

        var bca = ClassifierEvaluator.Compare(trained.RunFolder, trained.RunFolder, Split.Test, null, temp.File("cmp-bca"),
            new BootstrapOptions { Resamples = 50, Method = BootstrapMethod.Bca }, TorchFixture.Cpu.Device, NullReporter.Instance);
        Assert.All(bca.Rows, r => Assert.Equal(BootstrapMethod.Bca, r.Difference.Method));
        Assert.Contains("Difference CI: paired BCa (bias-corrected and accelerated; acceleration from a leave-one-patient-out jackknife) bootstrap over patients, 50 resamples, seed 0;", File.ReadAllText(temp.File("cmp-bca/comparison.md")));
    }

    [Fact]
    public void Class_weights_follow_train_prevalence()
    {
        using var temp = new TempDirectory();
        var dataset = Phantom(temp.File("data"));
        var train = dataset.Images.Where(i => i.Split == Split.Train).ToList();
        float[] weights = LabelFrequencyWeights.PositiveWeights(train, dataset.Vocabulary);
        for (int l = 0; l < dataset.Vocabulary.Count; l++)
        {
            int positives = train.Count(i => i.Has(dataset.Vocabulary.Names[l]));
            Assert.Equal(positives == 0 || positives == train.Count ? 1f : (float)(train.Count - positives) / positives, weights[l], 5);
        }
    }
}
