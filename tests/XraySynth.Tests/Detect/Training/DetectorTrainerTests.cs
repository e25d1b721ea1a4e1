using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Phantom;
using XraySynth.Detect;
using XraySynth.Detect.Training;
using XraySynth.Tests.TestSupport;
using XraySynth.Torch;

namespace XraySynth.Tests.Detect.Training;

[Collection(GlobalRandomCollection.Name)]
public sealed class DetectorTrainerTests
{
    internal static DetectorConfig Config(string data, string output, int epochs) => new()
    {
        Data = data, Out = output, ImageSize = 64, Width = 8, PyramidChannels = 16, Epochs = epochs, BatchSize = 8,
        LearningRate = 2e-3, WarmupEpochs = 0.5, Patience = 10,
    };

    internal static Dataset Phantom(string folder, int count = 48) =>
        PhantomGenerator.Generate(new PhantomConfig { Count = count, Size = 64, Seed = 4, TrainFraction = 0.6, ValFraction = 0.2 }, folder, "test", force: false, NullReporter.Instance);

    internal static DetectorTrainingResult Train(DetectorConfig config, string? resume = null, CancellationToken cancel = default, long seed = 5, IReporter? reporter = null,
        bool channelsLastOnCpu = false) =>
        DetectorTrainer.Train(new DetectorTrainingRequest(config, resume, "test", channelsLastOnCpu),
            TorchRuntime.Start(new TorchRuntimeOptions { Device = DeviceSpec.Cpu, Seed = seed }), reporter ?? NullReporter.Instance, cancel);

    sealed class CancelOn(string prefix, CancellationTokenSource source) : IReporter
    {
        public void Info(string message) { }
        public void Detail(string message) { if (message.StartsWith(prefix, StringComparison.Ordinal)) source.Cancel(); }
        public void Warn(string message) { }
        public IProgressTask Start(string description, double total) => NullReporter.Instance.Start(description, total);
    }

    [Fact]
    public void An_interrupted_run_resumes_exactly_and_the_run_describes_itself()
    {
        using var temp = new TempDirectory();
        var data = Phantom(temp.File("data"));
        var straight = Train(Config(temp.File("data"), temp.File("a"), epochs: 2));
        using var cancel = new CancellationTokenSource();
        var stopped = Train(Config(temp.File("data"), temp.File("b"), epochs: 2), cancel: cancel.Token, reporter: new CancelOn("epoch 1:", cancel));
        Assert.True(stopped.Cancelled);
        Assert.Equal(1, stopped.State.Epoch);
        var resumed = Train(Config(temp.File("data"), temp.File("b"), epochs: 2), resume: stopped.RunFolder, seed: 77);

        Assert.Equal(straight.State.Step, resumed.State.Step);
        Assert.Equal(straight.State.BestMap, resumed.State.BestMap);
        Assert.True(File.ReadAllBytes(straight.BestModel).AsSpan().SequenceEqual(File.ReadAllBytes(resumed.BestModel)),
            "the best model after a resume differs from the straight run's");
        var log = File.ReadAllLines(Path.Combine(straight.RunFolder, "log.csv"));
        Assert.Equal(3, log.Length);
        Assert.StartsWith("epoch,step,train_loss,heatmap_loss", log[0]);
        var info = DetectorRunInfo.Read(Path.Combine(straight.RunFolder, "run.json"));
        Assert.Equal(DetectionSamples.BoxedLabels(data), info.Classes);
        Assert.True(info.TrainBoxes > 0);
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

        Assert.Equal(straight.State.Step, resumed.State.Step);
        Assert.Equal(straight.State.BestMap, resumed.State.BestMap);
        Assert.True(File.ReadAllBytes(straight.BestModel).AsSpan().SequenceEqual(File.ReadAllBytes(resumed.BestModel)),
            "the best channels-last model after a resume differs from the straight run's");
    }

    [Fact]
    public void The_progress_status_names_the_epoch_being_trained_and_ends_on_the_last_epochs_results()
    {
        using var temp = new TempDirectory();
        Phantom(temp.File("data"));
        var progress = new ProgressRecorder();
        Train(Config(temp.File("data"), temp.File("runs"), epochs: 2), reporter: progress);

        var steps = progress.Of("detect train");
        var (_, done, total, status) = steps[^1];
        Assert.Equal(total, done);
        Assert.StartsWith("epoch 2/2 done: loss ", status);
        Assert.Contains("val mAP@0.5", status);
        // Each half of the progress is one epoch; every step shows that epoch.
        Assert.All(steps.Where(s => s.Done > 0), s => Assert.StartsWith($"epoch {(int)Math.Ceiling(s.Done / s.Total * 2)}/2", s.Status));
    }

    [Fact]
    public void A_dataset_without_boxes_is_a_user_error()
    {
        using var temp = new TempDirectory();
        var data = Phantom(temp.File("data"), 20);
        data.With(boxes: [], images: data.Images.Select(i => i with { Labels = [] }).ToArray()).Save();
        var error = Assert.Throws<UserError>(() => Train(Config(temp.File("data"), temp.File("a"), 1)));
        Assert.Contains("no boxes", error.Message);
    }
}
