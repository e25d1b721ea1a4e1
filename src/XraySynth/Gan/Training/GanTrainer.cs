using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using TorchSharp;
using TorchSharp.Modules;
using XraySynth.Common;
using XraySynth.Configuration;
using XraySynth.Data;
using XraySynth.Data.Cache;
using XraySynth.Data.Checks;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Gan.Training;

/// <summary>
/// The GAN training loop, one readable method: data, run folder, networks, resume, then steps with a tick for
/// logs, sample grids and snapshots. Everything random in step k is derived from (seed, k), and snapshots hold
/// weights, moving average, optimizer states and counters, so a resumed run continues bit for bit.
/// </summary>
public static class GanTrainer
{
    /// <summary>
    /// Trains (or resumes) a run; stops early with a snapshot when <paramref name="cancel"/> fires. With
    /// <see cref="GanConfig.QualityKimg"/> &gt; 0 and a <paramref name="quality"/> probe, FID and KID go to quality.csv.
    /// </summary>
    public static GanTrainingResult Train(GanTrainingRequest request, TorchRuntime runtime, IReporter reporter, CancellationToken cancel, TrainerHooks? hooks = null,
        IGanQualityProbe? quality = null)
    {
        GanConfig config = request.Config;
        if (config.Data is null) throw new UserError("gan: no dataset: pass --data DIR or set gan.data in the config");

        // 1. Data: a checked dataset and its prepared cache at the final resolution.
        var dataset = Dataset.Load(config.Data);
        DatasetChecks.EnsureValid(dataset, new CheckOptions { CachedSize = config.Resolution }, reporter);
        CachePreparer.Prepare(dataset, new PrepareConfig { Size = config.Resolution }, reporter);
        using var cache = PreparedCache.Open(dataset, config.Resolution);
        var rows = TrainingRows.Select(dataset, config);
        var labels = dataset.Vocabulary.Names;
        reporter.Info($"gan: {config.Kind.ToString().ToLowerInvariant()} at {config.Resolution} px on {rows.Rows.Count} training images of {dataset.Info.Name} ({config.Focus.ToString().ToLowerInvariant()}), {config.Kimg} kimg");

        // 2. Run folder: new and self-describing, or the one being resumed.
        RunFolder run;
        long seed = runtime.Seed;
        if (request.Resume is null)
        {
            run = RunFolder.CreateNext(config.Out, $"{config.Kind.ToString().ToLowerInvariant()}-{dataset.Info.Name}-{config.Resolution}");
            AtomicFile.WriteText(run.ConfigFile, w => w.Write(YamlConfigWriter.Write(config, GanConfig.Section)));
            run.WriteRunInfo(new GanRunInfo(request.CreatedBy, seed, dataset.Root, dataset.Info.Name, labels, DateTime.UtcNow.ToString("O"), runtime.Device.ToString()));
        }
        else
        {
            run = RunFolder.Open(request.Resume);
            seed = GanRunInfo.Read(run.RunFile).Seed;
            AtomicFile.WriteText(run.ConfigFile, w => w.Write(YamlConfigWriter.Write(config, GanConfig.Section)));
        }
        string configHash = ArchitectureHash(config, labels);

        // 3. Networks and optimizers (built on the device; loaded snapshots go CPU → device → optimizers).
        var device = runtime.Device;
        var dtype = config.Bf16 && device.type == DeviceType.CUDA && config.Kind == GanKind.Pggan ? ScalarType.BFloat16 : ScalarType.Float32;
        bool channelsLast = config.ChannelsLast && (device.type == DeviceType.CUDA || hooks?.ChannelsLastOnCpu == true);
        runtime.Reseed(seed);
        using var networks = GanNetworks.Create(config, labels.Count);
        (OptimizerHelper G, OptimizerHelper D) BuildOptimizers()
        {
            networks.To(device);
            if (channelsLast)
                foreach (var module in new[] { networks.Generator, networks.Discriminator, networks.Average }) ChannelsLast.Apply(module);
            OptimizerHelper Adam(nn.Module module) => config.ForeachAdam
                ? new ForeachAdam(module.parameters(), config.LearningRate, config.Beta1, config.Beta2)
                : optim.Adam(module.parameters(), config.LearningRate, config.Beta1, config.Beta2);
            return (Adam(networks.Generator), Adam(networks.Discriminator));
        }
        OptimizerHelper gOptimizer, dOptimizer;
        TrainingState state;
        if (request.Resume is null)
        {
            (gOptimizer, dOptimizer) = BuildOptimizers();
            state = TrainingState.Start;
        }
        else
        {
            string latest = run.LatestSnapshot();
            var loaded = GanSnapshot.Load(latest, networks, BuildOptimizers, configHash);
            (gOptimizer, dOptimizer, state) = (loaded.Generator, loaded.Discriminator, loaded.Header.State);
            reporter.Info($"gan: resumed {run.Path} from {Path.GetFileName(latest)} at {state.Kimg:0.###} kimg");
        }
        using var gOwner = gOptimizer;
        using var dOwner = dOptimizer;
        var step = new GanStep(networks, gOptimizer, dOptimizer, config);
        var schedule = new ProgressiveSchedule(config);
        if (schedule.KimgToReachTarget() is var toFinish && config.Kimg < toFinish)
            reporter.Warn($"gan: kimg {config.Kimg} ends before the final {config.Resolution} px is fully faded in ({toFinish:0.###} kimg with fade_kimg {config.FadeKimg} and stable_kimg {config.StableKimg}): " +
                "gan sample will refuse the run until it is continued (gan train --resume RUN --kimg K); raise --kimg to train it through");
        using var log = new TrainingLog(run.LogFile, request.Resume is null ? null : state.Step);
        string Snapshot(TrainingState s)
        {
            string file = run.SnapshotFile(s.Step);
            GanSnapshot.Save(file, new GanSnapshot.Header(s, config.Kind, labels, configHash), networks, gOptimizer, dOptimizer);
            run.Prune(config.KeepSnapshots);
            return file;
        }
        string lastSnapshot = request.Resume is null ? Snapshot(state) : run.LatestSnapshot();

        // 4. Fixed grid latents and the real-image grid.
        var (conditionsArray, titles) = SampleGrid.Conditions(labels);
        int gridRows = titles.Length, columns = config.GridColumns;
        using var gridLatents = SampleGrid.Latents(seed, gridRows, columns, networks.LatentSize);
        if (request.Resume is null) WriteRealGrid(run, cache, dataset, titles, columns, seed);

        // 5. Optional quality tracking (FID/KID over kimg), then the loop.
        var track = quality is null || config.QualityKimg <= 0 ? null
            : new QualityTrack(run.Path, quality, config, seed, dataset.LabelMatrix(), rows.Rows, request.Resume is null ? null : state.Kimg);
        long totalImages = (long)Math.Round(config.Kimg * 1000);
        var prefetcher = new BatchPrefetcher(cache, rows, schedule, seed, state.Step, state.ImagesSeen, totalImages, config.Prefetch);
        var progress = reporter.Start("gan train", config.Kimg);
        progress.Advance(state.Kimg);
        var clock = Stopwatch.StartNew();
        var wall = Stopwatch.StartNew();
        long imagesAtClock = state.ImagesSeen;
        bool cancelled = false, timeUp = false;
        TrainingPhase? lastPhase = null;
        double gridKimg = -1;
        try
        {
            while (prefetcher.Next() is { } batch)
            {
                if (cancel.IsCancellationRequested) { cancelled = true; break; }
                if (request.TimeLimit is { } limit && wall.Elapsed >= limit) { timeUp = true; break; }
                var phase = batch.Phase;
                lastPhase = phase;
                double learningRate = config.LearningRate * state.LearningRateScale;
                double beta = MovingAverage.Beta(phase.BatchSize, config.EmaHalfLifeKimg);
                StepLosses losses;
                using (GcQuietStep.Begin())
                using (var scope = NewDisposeScope())
                {
                    var real = RealImages.ToTensor(batch, cache.Size, device, dtype);
                    if (channelsLast) real = ChannelsLast.Of(real);
                    var condition = HostToDevice.Copy(tensor(batch.Labels, new long[] { phase.BatchSize, labels.Count }), device);
                    hooks?.BeforeStep?.Invoke(batch.Step, real);
                    using var generator = new Generator((ulong)SeedDerivation.Derive(seed, $"gan/step/{batch.Step}"));
                    var draws = GanStep.Draw(generator, phase.BatchSize, networks.LatentSize, device, dtype);
                    losses = step.Run(real, condition, draws, phase, learningRate, beta);
                    losses.Discriminator.MoveToOuterDisposeScope();
                    losses.Generator.MoveToOuterDisposeScope();
                    losses.Penalty.MoveToOuterDisposeScope();
                }
                var previous = state;
                state = state with { Step = batch.Step + 1, ImagesSeen = batch.ImagesSeenBefore + phase.BatchSize };
                progress.Advance((state.ImagesSeen - previous.ImagesSeen) / 1000.0);

                // Tick: logs (the only host sync), divergence guard, grids, snapshots.
                bool last = state.ImagesSeen >= totalImages;
                using (losses)
                {
                    // By steps or by images shown (both functions of the counters, so a resumed run logs the same rows).
                    if (state.Step % config.LogEverySteps == 0 || (config.LogKimg > 0 && Crossed(previous.Kimg, state.Kimg, config.LogKimg)) || last)
                    {
                        var (d, g, gp) = losses.Read();
                        double rate = (state.ImagesSeen - imagesAtClock) / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
                        clock.Restart();
                        imagesAtClock = state.ImagesSeen;
                        if (!double.IsFinite(d) || !double.IsFinite(g) || !double.IsFinite(gp))
                        {
                            (state, prefetcher) = RollBack(run, networks, gOptimizer, dOptimizer, configHash, state, config, log, reporter, prefetcher,
                                cache, rows, schedule, seed, totalImages, progress);
                            continue;
                        }
                        log.Write(new TrainingLogRow(state.Step, state.Kimg, phase.Name, phase.Resolution, phase.Alpha, phase.BatchSize, d, g, gp,
                            learningRate, rate, GpuMemory.UsedMib(device), ""));
                        progress.Status($"{phase.Name} α={phase.Alpha:0.00} D={d:0.000} G={g:0.000} {rate:0} img/s");
                    }
                }
                if (Crossed(previous.Kimg, state.Kimg, config.SampleKimg) || last)
                {
                    WriteFakeGrid(run, networks, gridLatents, conditionsArray, titles, columns, phase, state, device, dtype);
                    gridKimg = state.Kimg;
                }
                if (track is not null && (Crossed(previous.Kimg, state.Kimg, config.QualityKimg) || last))
                {
                    var (fid, kid) = track.Measure(networks, phase, state.Kimg, device, dtype);
                    reporter.Detail(FormattableString.Invariant($"gan: {state.Kimg:0.###} kimg: pixel FID {fid:0.00}, KID {kid:0.0000}"));
                }
                if (Crossed(previous.Kimg, state.Kimg, config.SnapshotKimg) || last)
                {
                    if (!ParametersFinite(networks))
                    {
                        (state, prefetcher) = RollBack(run, networks, gOptimizer, dOptimizer, configHash, state, config, log, reporter, prefetcher,
                            cache, rows, schedule, seed, totalImages, progress);
                        continue;
                    }
                    lastSnapshot = Snapshot(state);
                }
            }
            if (cancelled || timeUp)
            {
                lastSnapshot = Snapshot(state);
                if (lastPhase is not null && gridKimg != state.Kimg)
                    WriteFakeGrid(run, networks, gridLatents, conditionsArray, titles, columns, lastPhase, state, device, dtype);
                var limit = request.TimeLimit.GetValueOrDefault();
                string why = cancelled ? "interrupted"
                    : limit.TotalMinutes >= 1 ? $"time limit ({limit.TotalMinutes:0.##} min) reached" : $"time limit ({limit.TotalSeconds:0.###} s) reached";
                string saved = lastPhase is null ? "snapshot" : "snapshot and sample grid";
                reporter.Warn($"gan: {why} at {state.Kimg:0.###} kimg; {saved} saved, continue with: xraysynth gan train --resume {run.Path}");
            }
        }
        finally
        {
            prefetcher.Dispose();
            progress.Dispose();
        }
        double reached = schedule.KimgToReachTarget();
        if (!cancelled && !timeUp && config.Kimg < reached)
            reporter.Warn($"gan: training ended at {config.Kimg} kimg, before the final resolution was fully faded in ({reached:0.###} kimg): raise kimg or shorten fade/stable phases");
        return new GanTrainingResult(run.Path, state, lastSnapshot, cancelled, timeUp);
    }

    /// <summary>True when training passed a multiple of <paramref name="every"/> kimg between the two counts.</summary>
    static bool Crossed(double before, double after, double every) => Math.Floor(after / every) > Math.Floor(before / every);

    static (TrainingState, BatchPrefetcher) RollBack(RunFolder run, GanNetworks networks, OptimizerHelper gOptimizer, OptimizerHelper dOptimizer,
        string configHash, TrainingState current, GanConfig config, TrainingLog log, IReporter reporter, BatchPrefetcher prefetcher,
        PreparedCache cache, TrainingRows rows, ProgressiveSchedule schedule, long seed, long totalImages, IProgressTask progress)
    {
        if (current.Rollbacks >= config.MaxRollbacks)
            throw new UserError($"gan: training diverged (NaN/Inf) {current.Rollbacks + 1} times near {current.Kimg:0.###} kimg despite lowering the " +
                                $"learning rate to {config.LearningRate * current.LearningRateScale:G3}; giving up. Try a lower learning_rate or a smaller batch; " +
                                $"the last good snapshot is in {run.SnapshotsFolder}.");
        prefetcher.Dispose();
        string snapshot = run.LatestSnapshot();
        var header = GanSnapshot.ReadHeader(snapshot);
        GanSnapshot.Load(snapshot, networks, () => (gOptimizer, dOptimizer), configHash);
        var restored = header.State with { LearningRateScale = current.LearningRateScale * config.RollbackLearningRateFactor, Rollbacks = current.Rollbacks + 1 };
        string message = $"gan: NaN/Inf at step {current.Step} ({current.Kimg:0.###} kimg): rolled back to step {restored.Step}, learning rate x{restored.LearningRateScale:G3} (rollback {restored.Rollbacks} of at most {config.MaxRollbacks})";
        reporter.Warn(message);
        log.Write(new TrainingLogRow(restored.Step, restored.Kimg, "", 0, 0, 0, double.NaN, double.NaN, double.NaN,
            config.LearningRate * restored.LearningRateScale, 0, 0, $"rollback from step {current.Step}"));
        progress.Advance(restored.Kimg - current.Kimg);
        return (restored, new BatchPrefetcher(cache, rows, schedule, seed, restored.Step, restored.ImagesSeen, totalImages, config.Prefetch));
    }

    static bool ParametersFinite(GanNetworks networks)
    {
        using var noGrad = no_grad();
        foreach (var module in new[] { networks.Generator, networks.Discriminator, networks.Average })
            foreach (var p in module.parameters())
                using (var finite = p.isfinite().all())
                    if (!finite.item<bool>()) return false;
        return true;
    }

    static void WriteFakeGrid(RunFolder run, GanNetworks networks, Tensor latents, float[,] conditions, string[] titles, int columns,
        TrainingPhase phase, TrainingState state, Device device, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        networks.Average.eval();
        var y = tensor(conditions).repeat_interleave(columns, 0).to(device);
        var images = networks.Generate(networks.Average, latents.to(dtype).to(device), y, phase.Resolution, phase.Alpha);
        networks.Average.train();
        byte[] pixels = SampleGrid.ToBytes(images, networks.Resolution);
        SampleGrid.Write(Path.Combine(run.SamplesFolder, FormattableString.Invariant($"fakes{state.Kimg:0000.000}kimg.png")), pixels, networks.Resolution,
            titles.Length, columns, titles, $"{state.Kimg:0.0} kimg, {phase.Name}, EMA generator, fixed latents");
    }

    static void WriteRealGrid(RunFolder run, PreparedCache cache, Dataset dataset, string[] titles, int columns, long seed)
    {
        int size = cache.Size;
        var pixels = new byte[titles.Length * columns * size * size];
        var random = SeedDerivation.CreateRandom(seed, "gan/reals");
        for (int r = 0; r < titles.Length; r++)
        {
            var matching = Enumerable.Range(0, dataset.Images.Count)
                .Where(i => dataset.Images[i].Split == Split.Train && (r == 0 ? dataset.Images[i].Labels.Count == 0 : dataset.Images[i].Has(titles[r])))
                .OrderBy(_ => random.Next()).Take(columns).ToList();
            for (int c = 0; c < matching.Count; c++) cache.Image(matching[c]).CopyTo(pixels.AsSpan((r * columns + c) * size * size, size * size));
        }
        SampleGrid.Write(Path.Combine(run.SamplesFolder, "reals.png"), pixels, size, titles.Length, columns, titles, "real training images per label");
    }

    /// <summary>SHA-256 of everything a snapshot's tensors depend on: kind, architecture, labels.</summary>
    public static string ArchitectureHash(GanConfig config, IReadOnlyList<string> labels)
    {
        string text = config.Kind + "\n" + (config.Kind == GanKind.Pggan ? YamlConfigWriter.Write(config.Pggan) : YamlConfigWriter.Write(config.Dcgan)) + string.Join("|", labels);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
    }
}
