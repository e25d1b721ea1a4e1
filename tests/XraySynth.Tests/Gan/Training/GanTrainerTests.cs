using XraySynth.Common;
using XraySynth.Gan;
using XraySynth.Gan.Training;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Gan.Training;

[Collection(XraySynth.Tests.TestSupport.GlobalRandomCollection.Name)]
public sealed class GanTrainerTests
{
    [Fact]
    public void Training_writes_a_self_describing_run_folder()
    {
        using var temp = new TempDirectory();
        TinyGanSetup.Phantom(temp.File("data"));
        var result = TinyGanSetup.Train(TinyGanSetup.Config(temp.File("data"), temp.File("runs"), kimg: 0.096));

        Assert.False(result.Cancelled);
        Assert.Equal(12, result.State.Step);
        Assert.Equal(96, result.State.ImagesSeen);
        var run = RunFolder.Open(result.RunFolder);
        Assert.StartsWith("00000-pggan-phantom-16", Path.GetFileName(result.RunFolder));
        Assert.Equal(11, GanRunInfo.Read(run.RunFile).Seed);
        Assert.True(File.Exists(Path.Combine(run.SamplesFolder, "reals.png")));
        Assert.NotEmpty(Directory.GetFiles(run.SamplesFolder, "fakes*kimg.png"));
        var log = File.ReadAllLines(run.LogFile);
        Assert.Equal(string.Join(',', TrainingLog.Columns), log[0]);
        Assert.Contains(log, l => l.Contains(",fade 8,8,"));
        Assert.Contains(log, l => l.StartsWith("12,0.096,stable 16,16,1.0000,8,", StringComparison.Ordinal));
        Assert.Equal(3, run.Snapshots().Count); // steps 0, 6, 12
    }

    sealed class StatusRecorder : IReporter
    {
        public List<string> Statuses { get; } = [];
        public void Info(string message) { }
        public void Detail(string message) { }
        public void Warn(string message) { }
        public IProgressTask Start(string description, double total) => new Task(Statuses);

        sealed class Task(List<string> statuses) : IProgressTask
        {
            public void Advance(double amount = 1) { }
            public void Status(string status) => statuses.Add(status);
            public void Dispose() { }
        }
    }

    [Fact]
    public void Pggan_logs_losses_and_img_per_s_every_log_kimg_even_when_log_every_steps_is_not_reached_and_resume_logs_the_same_rows()
    {
        using var temp = new TempDirectory();
        TinyGanSetup.Phantom(temp.File("data"));
        // Like a 4 kimg run at batch 256: fewer steps than log_every_steps, so only log_kimg gives rows.
        var config = TinyGanSetup.Config(temp.File("data"), temp.File("a"), kimg: 0.096) with { LogEverySteps = 1000, LogKimg = 0.016 };
        var recorder = new StatusRecorder();
        var straight = TinyGanSetup.Train(config, reporter: recorder);

        static string[] Steps(string run) => File.ReadLines(Path.Combine(run, "log.csv")).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        Assert.Equal(["2", "4", "6", "8", "10", "12"], Steps(straight.RunFolder));
        Assert.True(recorder.Statuses.Count >= 6, string.Join("\n", recorder.Statuses));
        Assert.All(recorder.Statuses, s => Assert.Matches(@"^(stable|fade) \d+ α=\d\.\d\d D=-?\d+\.\d{3} G=-?\d+\.\d{3} \d+ img/s$", s));
        Assert.Contains(recorder.Statuses, s => s.StartsWith("fade 8", StringComparison.Ordinal));

        var first = TinyGanSetup.Train(config with { Out = temp.File("b"), Kimg = 0.048 });
        var resumed = TinyGanSetup.Train(config with { Out = temp.File("b") }, first.RunFolder);
        Assert.Equal(Steps(straight.RunFolder), Steps(resumed.RunFolder));
    }

    [Fact]
    public void Resuming_from_a_snapshot_equals_training_straight_through_bit_for_bit()
    {
        using var temp = new TempDirectory();
        TinyGanSetup.Phantom(temp.File("data"));
        // Straight: 12 steps (through fade 8, stable 8, fade 16, stable 16).
        var straight = TinyGanSetup.Train(TinyGanSetup.Config(temp.File("data"), temp.File("a"), kimg: 0.096));
        // Split: 6 steps (ends inside the fade-in of 16), then resume to 12.
        var first = TinyGanSetup.Train(TinyGanSetup.Config(temp.File("data"), temp.File("b"), kimg: 0.048));
        Assert.Equal(6, first.State.Step);
        var resumed = TinyGanSetup.Train(TinyGanSetup.Config(temp.File("data"), temp.File("b"), kimg: 0.096), resume: first.RunFolder, seed: 999);

        Assert.Equal(straight.State, resumed.State);
        byte[] a = File.ReadAllBytes(straight.LastSnapshot), b = File.ReadAllBytes(resumed.LastSnapshot);
        Assert.Equal(a.Length, b.Length);
        Assert.True(a.AsSpan().SequenceEqual(b), "the final snapshots (weights, moving average, Adam states) differ");
        Assert.Equal(File.ReadAllLines(Path.Combine(straight.RunFolder, "log.csv")).Select(Losses), File.ReadAllLines(Path.Combine(resumed.RunFolder, "log.csv")).Select(Losses));
    }

    static string Losses(string line) => string.Join(',', line.Split(',').Take(9));

    [Fact]
    public void A_nan_rolls_back_to_the_last_snapshot_and_lowers_the_learning_rate()
    {
        using var temp = new TempDirectory();
        TinyGanSetup.Phantom(temp.File("data"));
        bool poisoned = false;
        var hooks = new TrainerHooks
        {
            BeforeStep = (step, real) =>
            {
                if (step == 8 && !poisoned) { poisoned = true; real.fill_(float.NaN); }
            },
        };
        var result = TinyGanSetup.Train(TinyGanSetup.Config(temp.File("data"), temp.File("runs"), kimg: 0.096), hooks: hooks);

        Assert.True(poisoned);
        Assert.Equal(1, result.State.Rollbacks);
        Assert.Equal(0.5, result.State.LearningRateScale);
        Assert.Equal(12, result.State.Step);
        var log = File.ReadAllLines(Path.Combine(result.RunFolder, "log.csv"));
        Assert.Contains(log, l => l.StartsWith("6,", StringComparison.Ordinal) && l.EndsWith("rollback from step 10", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("12,", StringComparison.Ordinal) && l.Contains(",0.0005,"));
    }

    [Fact]
    public void A_run_resumes_after_its_optimizer_kind_changed_with_the_same_losses()
    {
        // Snapshots written with TorchSharp's Adam (foreach_adam: false, or before multi-tensor Adam was the default)
        // continue with the multi-tensor Adam: same step counts and moments, so the same losses as a straight run.
        using var temp = new TempDirectory();
        TinyGanSetup.Phantom(temp.File("data"));
        var straight = TinyGanSetup.Train(TinyGanSetup.Config(temp.File("data"), temp.File("a"), kimg: 0.096));
        var first = TinyGanSetup.Train(TinyGanSetup.Config(temp.File("data"), temp.File("b"), kimg: 0.048) with { ForeachAdam = false });
        var resumed = TinyGanSetup.Train(TinyGanSetup.Config(temp.File("data"), temp.File("b"), kimg: 0.096), resume: first.RunFolder);
        Assert.Equal(straight.State, resumed.State);
        Assert.Equal(File.ReadAllLines(Path.Combine(straight.RunFolder, "log.csv")).Select(Losses), File.ReadAllLines(Path.Combine(resumed.RunFolder, "log.csv")).Select(Losses));
    }

    [Fact]
    public void With_the_cuda_layout_channels_last_snapshots_resume_bit_for_bit_and_a_nan_rolls_back()
    {
        // CUDA runs lay weights, Adam moments and batches out NHWC; ChannelsLastOnCpu runs those paths here.
        using var temp = new TempDirectory();
        TinyGanSetup.Phantom(temp.File("data"));
        var nhwc = new TrainerHooks { ChannelsLastOnCpu = true };
        GanConfig Config(string output, double kimg) => TinyGanSetup.Config(temp.File("data"), temp.File(output), kimg) with { ChannelsLast = true };
        var straight = TinyGanSetup.Train(Config("a", 0.096), hooks: nhwc);
        var first = TinyGanSetup.Train(Config("b", 0.048), hooks: nhwc);
        var resumed = TinyGanSetup.Train(Config("b", 0.096), resume: first.RunFolder, hooks: nhwc, seed: 999);
        Assert.Equal(straight.State, resumed.State);
        Assert.True(File.ReadAllBytes(straight.LastSnapshot).AsSpan().SequenceEqual(File.ReadAllBytes(resumed.LastSnapshot)),
            "the final channels-last snapshots differ");
        // The layout changes strides, not arithmetic: the first logged losses equal a dense run's to rounding (later ones drift
        // apart, as any two GAN runs whose summation orders differ do).
        var dense = TinyGanSetup.Train(TinyGanSetup.Config(temp.File("data"), temp.File("c"), kimg: 0.096));
        double[] Losses(GanTrainingResult run) => File.ReadLines(Path.Combine(run.RunFolder, "log.csv")).Skip(1).First().Split(',')[6..9]
            .Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        foreach (var (a, b) in Losses(straight).Zip(Losses(dense))) Assert.Equal(b, a, 1e-3 * Math.Max(1, Math.Abs(b)));

        // Rollback: the snapshot is loaded into the live networks in place, so their optimizers keep working.
        bool poisoned = false;
        var poison = nhwc with { BeforeStep = (step, real) => { if (step == 8 && !poisoned) { poisoned = true; real.fill_(float.NaN); } } };
        var rolled = TinyGanSetup.Train(Config("d", 0.096), hooks: poison);
        Assert.True(poisoned);
        Assert.Equal(1, rolled.State.Rollbacks);
        Assert.Equal(12, rolled.State.Step);
    }

    [Fact]
    public void Persistent_divergence_gives_up_with_a_clear_message_after_the_allowed_rollbacks()
    {
        using var temp = new TempDirectory();
        TinyGanSetup.Phantom(temp.File("data"));
        var hooks = new TrainerHooks { BeforeStep = (step, real) => { if (step >= 7) real.fill_(float.NaN); } };
        var config = TinyGanSetup.Config(temp.File("data"), temp.File("runs"), kimg: 0.096) with { MaxRollbacks = 2 };
        var error = Assert.Throws<UserError>(() => TinyGanSetup.Train(config, hooks: hooks));
        Assert.Contains("training diverged (NaN/Inf) 3 times", error.Message);
        Assert.Contains("last good snapshot", error.Message);
    }

    [Fact]
    public void Cancelling_saves_a_snapshot_that_resumes()
    {
        using var temp = new TempDirectory();
        TinyGanSetup.Phantom(temp.File("data"));
        using var cancel = new CancellationTokenSource();
        var hooks = new TrainerHooks { BeforeStep = (step, _) => { if (step == 4) cancel.Cancel(); } };
        var config = TinyGanSetup.Config(temp.File("data"), temp.File("runs"), kimg: 0.096);
        var stopped = TinyGanSetup.Train(config, hooks: hooks, cancel: cancel.Token);
        Assert.True(stopped.Cancelled);
        Assert.Equal(5, stopped.State.Step);
        Assert.EndsWith("snapshot-000000005.xsnap", stopped.LastSnapshot);

        var straight = TinyGanSetup.Train(config with { Out = temp.File("straight") });
        var resumed = TinyGanSetup.Train(config, resume: stopped.RunFolder);
        Assert.True(File.ReadAllBytes(straight.LastSnapshot).AsSpan().SequenceEqual(File.ReadAllBytes(resumed.LastSnapshot)));
    }

    [Fact]
    public void A_time_limit_stops_with_a_snapshot_and_a_grid_and_resumes_exactly()
    {
        using var temp = new TempDirectory();
        TinyGanSetup.Phantom(temp.File("data"));
        var config = TinyGanSetup.Config(temp.File("data"), temp.File("runs"), kimg: 0.096);
        // Step 2 outlasts the limit, so the loop stops before step 3 at the latest (of 12; a step is 8 images).
        var hooks = new TrainerHooks { BeforeStep = (step, _) => { if (step == 2) Thread.Sleep(1500); } };
        var stopped = TinyGanSetup.Train(config, hooks: hooks, timeLimit: TimeSpan.FromMilliseconds(1000));
        Assert.True(stopped.TimeLimitReached);
        Assert.False(stopped.Cancelled);
        Assert.InRange(stopped.State.Step, 1, 3);
        Assert.EndsWith($"snapshot-{stopped.State.Step:000000000}.xsnap", stopped.LastSnapshot);
        Assert.True(File.Exists(Path.Combine(stopped.RunFolder, "samples", FormattableString.Invariant($"fakes{stopped.State.Kimg:0000.000}kimg.png"))));

        var straight = TinyGanSetup.Train(config with { Out = temp.File("straight") });
        var resumed = TinyGanSetup.Train(config, resume: stopped.RunFolder);
        Assert.False(resumed.TimeLimitReached);
        Assert.True(File.ReadAllBytes(straight.LastSnapshot).AsSpan().SequenceEqual(File.ReadAllBytes(resumed.LastSnapshot)));
    }

    [Fact]
    public void Dcgan_trains_and_resumes_exactly_too()
    {
        using var temp = new TempDirectory();
        TinyGanSetup.Phantom(temp.File("data"));
        var config = TinyGanSetup.Config(temp.File("data"), temp.File("a"), kimg: 0.064) with
        {
            Kind = GanKind.Dcgan,
            Dcgan = new XraySynth.Gan.Dcgan.DcganArchitecture { Resolution = 32, LatentSize = 8, GeneratorFeatures = 4, DiscriminatorFeatures = 4, LabelEmbedding = 4 },
            LearningRate = 0.0002, Beta1 = 0.5, Beta2 = 0.999, SnapshotKimg = 0.032,
        };
        var straight = TinyGanSetup.Train(config);
        var first = TinyGanSetup.Train(config with { Out = temp.File("b"), Kimg = 0.032 });
        var resumed = TinyGanSetup.Train(config with { Out = temp.File("b") }, resume: first.RunFolder);
        Assert.Equal(8, straight.State.Step);
        Assert.True(File.ReadAllBytes(straight.LastSnapshot).AsSpan().SequenceEqual(File.ReadAllBytes(resumed.LastSnapshot)));
    }

    [Fact]
    public void Focus_on_a_label_subset_trains_only_on_images_with_it()
    {
        using var temp = new TempDirectory();
        var dataset = TinyGanSetup.Phantom(temp.File("data"));
        var rows = TrainingRows.Select(dataset, new GanConfig { Focus = LabelFocus.Subset, Labels = ["Cardiomegaly"] });
        Assert.NotEmpty(rows.Rows);
        Assert.All(rows.Rows, r => Assert.True(dataset.Images[r].Has("Cardiomegaly") && dataset.Images[r].Split == XraySynth.Data.Split.Train));
        var error = Assert.Throws<UserError>(() => TrainingRows.Select(dataset, new GanConfig { Focus = LabelFocus.Subset, Labels = ["Cardiomegally"] }));
        Assert.Contains("did you mean 'Cardiomegaly'", error.Message);
    }
}
