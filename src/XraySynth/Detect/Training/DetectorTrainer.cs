using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using XraySynth.Classify.Training;
using XraySynth.Common;
using XraySynth.Configuration;
using XraySynth.Data;
using XraySynth.Data.Cache;
using XraySynth.Data.Checks;
using XraySynth.Data.Splitting;
using XraySynth.Detect.Boxes;
using XraySynth.Detect.Networks;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Detect.Training;

/// <summary>
/// The detector training loop: checked data, a self-describing run folder, AdamW with warm-up + cosine, CenterNet
/// loss on box-aware augmented batches, validation mean AP@0.5 each epoch for checkpoint selection and early
/// stopping, and a snapshot per epoch from which a resumed run continues exactly (batch order and augmentation
/// derive from (seed, epoch); the network has no random layers).
/// </summary>
public static class DetectorTrainer
{
    /// <summary>The best model's file name in a run folder.</summary>
    public const string BestModelFile = "best-model.xsdet";

    /// <summary>Trains (or resumes) a detector run.</summary>
    public static DetectorTrainingResult Train(DetectorTrainingRequest request, TorchRuntime runtime, IReporter reporter, CancellationToken cancel)
    {
        var config = request.Config;
        if (config.Data is null) throw new UserError("detect: no dataset: pass --data DIR or set detector.data in the config");
        if (config.ImageSize % 32 != 0) throw new UserError($"detect: image size {config.ImageSize}: expected a multiple of 32");

        // 1. Data: checked dataset, prepared cache, usable train and val rows with their boxes in cache pixels.
        var dataset = Dataset.Load(config.Data);
        DatasetChecks.EnsureValid(dataset, new CheckOptions { CachedSize = config.ImageSize }, reporter);
        CachePreparer.Prepare(dataset, new PrepareConfig { Size = config.ImageSize }, reporter);
        using var cache = PreparedCache.Open(dataset, config.ImageSize);

        RunFolder run;
        long seed = runtime.Seed;
        IReadOnlyList<string> classes;
        if (request.Resume is null)
        {
            classes = config.Classes.Count > 0 ? config.Classes : DetectionSamples.BoxedLabels(dataset);
            if (classes.Count == 0) throw new UserError($"{dataset.Root}: no boxes in the train split ({BoxesFile.FileName}); the detector needs boxed findings");
        }
        else
        {
            run = RunFolder.Open(request.Resume);
            var info = DetectorRunInfo.Read(run.RunFile);
            (seed, classes) = (info.Seed, info.Classes);
        }
        var samples = DetectionSamples.Build(dataset, classes, config.ImageSize);
        int[] train = samples.Rows(dataset, Split.Train), val = samples.Rows(dataset, Split.Val);
        if (train.Length == 0 || val.Length == 0) throw new UserError($"{dataset.Root}: the detector needs usable train and val images (train {train.Length}, val {val.Length})");
        int synthetic = train.Count(r => dataset.Images[r].Source == ImageSource.Synthetic);
        int trainBoxes = train.Sum(r => samples.Boxes[r].Count);

        // 2. Run folder.
        if (request.Resume is null)
        {
            run = RunFolder.CreateNext(config.Out, $"detect-{dataset.Info.Name}-centernet-w{config.Width}-{config.ImageSize}");
            run.WriteRunInfo(new DetectorRunInfo(request.CreatedBy, seed, dataset.Root, dataset.Info.Name, classes, train.Length, synthetic, trainBoxes,
                DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), runtime.Device.ToString(), TrainingImages.Fingerprint(dataset)));
            TrainingImages.Write(run.Path, train.Concat(val).Select(r => dataset.Images[r]));
        }
        else run = RunFolder.Open(request.Resume);
        AtomicFile.WriteText(run.ConfigFile, w => w.Write(YamlConfigWriter.Write(config with { Classes = classes }, DetectorConfig.Section)));
        reporter.Info($"detect: CenterNet (width {config.Width}) at {config.ImageSize} px on {train.Length} training images ({synthetic} synthetic, {trainBoxes} boxes), " +
                      $"{val.Length} validation images, classes {string.Join(", ", classes)} -> {run.Path}");

        // 3. Model and optimizer (weights loaded on the CPU, then moved, then the optimizer built there).
        var device = runtime.Device;
        bool cuda = device.type == DeviceType.CUDA;
        bool channelsLast = config.ChannelsLast && (cuda || request.ChannelsLastOnCpu);
        if (cuda && config.Tf32) { torch.backends.cuda.matmul.allow_tf32 = true; torch.backends.cudnn.allow_tf32 = true; }
        runtime.Reseed(seed);
        using var model = new CenterNetDetector(classes.Count, config.Width, config.PyramidChannels);
        OptimizerHelper BuildOptimizer()
        {
            model.to(device);
            if (channelsLast) ChannelsLast.Apply(model);
            return config.ForeachAdam
                ? new ForeachAdam(model.parameters(), config.LearningRate, 0.9, 0.999, 1e-8, config.WeightDecay)
                : optim.AdamW(model.parameters(), config.LearningRate, 0.9, 0.999, 1e-8, config.WeightDecay);
        }
        OptimizerHelper optimizer;
        DetectorState state;
        if (request.Resume is null)
        {
            optimizer = BuildOptimizer();
            state = DetectorState.Start;
        }
        else
        {
            (state, optimizer) = DetectorSnapshot.Load(run.LatestSnapshot(), model, BuildOptimizer);
            reporter.Info($"detect: resumed after epoch {state.Epoch} (best validation mAP@0.5 {state.BestMap:0.0000} at epoch {state.BestEpoch})");
        }
        using var optimizerOwner = optimizer;

        // 4. Schedule and log.
        bool dropLast = train.Length > config.BatchSize;
        long stepsPerEpoch = dropLast ? train.Length / config.BatchSize : 1;
        var schedule = new LearningRateSchedule(config.LearningRate, (long)Math.Round(config.WarmupEpochs * stepsPerEpoch), config.Epochs * stepsPerEpoch);
        var log = new DetectorEpochLog(run.LogFile, request.Resume is null ? null : state.Epoch, classes);
        var valTruth = val.Select(r => samples.Boxes[r]).ToArray();

        // 5. Epochs.
        bool cancelled = false, stoppedEarly = false;
        // Progress counts each epoch's steps and its validation, so 100% comes after the last epoch's results are shown.
        using var progress = reporter.Start("detect train", config.Epochs * (stepsPerEpoch + 1));
        progress.Advance(state.Epoch * (stepsPerEpoch + 1));
        string? previous = null; // the last finished epoch's results
        while (state.Epoch < config.Epochs && !cancelled)
        {
            int epoch = state.Epoch;
            progress.Status(previous is null ? $"epoch {epoch + 1}/{config.Epochs}" : $"epoch {epoch + 1}/{config.Epochs}; epoch {epoch}: {previous}");
            var clock = Stopwatch.StartNew();
            using var lossSums = zeros(4, device: device);
            long seen = 0, step = state.Step;
            model.train();
            int[] order = Shuffled(train, seed, epoch);
            for (long b = 0; b < stepsPerEpoch; b++)
            {
                if (cancel.IsCancellationRequested) { cancelled = true; break; }
                int[] rows = order[(int)(b * config.BatchSize)..(int)Math.Min(order.Length, (b + 1) * config.BatchSize)];
                var (pixels, boxes) = MakeBatch(cache, samples, rows, config, seed, epoch, (int)b);
                using var quiet = GcQuietStep.Begin();
                using var scope = NewDisposeScope();
                var x = PixelTensors.FromBytes(pixels, rows.Length, cache.Size, cache.Size, device);
                if (channelsLast) x = ChannelsLast.Of(x);
                if (cuda && config.Bf16) x = x.to(ScalarType.BFloat16);
                var targets = new CenterNetTargets(boxes, classes.Count, cache.Size).ToTensors(device);
                foreach (var group in optimizer.ParamGroups) group.LearningRate = schedule.At(step);
                model.zero_grad();
                var (total, heat, size, offset) = CenterNetLoss.Compute(model.forward(x), targets, config.SizeWeight, config.OffsetWeight);
                total.backward();
                optimizer.step();
                lossSums.add_(stack([total.detach(), heat.detach(), size.detach(), offset.detach()]) * rows.Length);
                seen += rows.Length;
                step++;
                progress.Advance();
            }
            if (cancelled) break;
            double[] losses = (lossSums.cpu() / Math.Max(1, seen)).data<float>().Select(v => (double)v).ToArray();
            double rate = seen / Math.Max(1e-9, clock.Elapsed.TotalSeconds);

            // Validation: mean AP@0.5 over classes with boxes in val selects the checkpoint.
            var predicted = DetectorPredictor.Predict(model, cache, val, device, config.BatchSize * 2, config, channelsLast);
            var (perClass, map) = DetectorPredictor.Map50(predicted, valTruth, classes.Count);
            bool better = double.IsFinite(map) && (!double.IsFinite(state.BestMap) || map > state.BestMap);
            state = new DetectorState(epoch + 1, step, better ? map : state.BestMap, better ? epoch + 1 : state.BestEpoch,
                better ? 0 : state.EpochsWithoutImprovement + 1);
            if (better) DetectorSnapshot.SaveModel(Path.Combine(run.Path, BestModelFile), model, epoch + 1, map);
            log.Write(epoch + 1, step, losses, map, schedule.At(step - 1), rate, perClass, better);
            previous = $"loss {losses[0]:0.000}, val mAP@0.5 {map:0.000} (best {state.BestMap:0.000} @ {state.BestEpoch}), {rate:0} img/s";
            progress.Status($"epoch {epoch + 1}/{config.Epochs} done: {previous}");
            reporter.Detail($"epoch {epoch + 1}: train loss {losses[0]:0.0000} (heatmap {losses[1]:0.000}, size {losses[2]:0.000}, offset {losses[3]:0.000}), val mAP@0.5 {map:0.0000}{(better ? " (best)" : "")}");
            DetectorSnapshot.Save(run.SnapshotFile(state.Step), state, model, optimizer);
            run.Prune(2);
            progress.Advance(); // the validation
            if (state.EpochsWithoutImprovement >= config.Patience)
            {
                stoppedEarly = true;
                reporter.Info($"detect: early stop after epoch {state.Epoch}: no better validation mAP@0.5 for {config.Patience} epochs");
                break;
            }
        }
        if (cancelled)
            reporter.Warn($"detect: interrupted during epoch {state.Epoch + 1}; the run resumes from the end of epoch {state.Epoch}: xraysynth detect train --resume {run.Path}");
        string best = Path.Combine(run.Path, BestModelFile);
        if (!File.Exists(best)) DetectorSnapshot.SaveModel(best, model, state.Epoch, state.BestMap);
        return new DetectorTrainingResult(run.Path, state, best, cancelled, stoppedEarly);
    }

    /// <summary>The epoch's order of <paramref name="rows"/> (Fisher–Yates from (seed, epoch)).</summary>
    static int[] Shuffled(int[] rows, long seed, int epoch)
    {
        var random = SeedDerivation.CreateRandom(seed, $"detector-order-{epoch}");
        int[] order = (int[])rows.Clone();
        random.Shuffle(order);
        return order;
    }

    /// <summary>Pixels and boxes of one batch, each image augmented with its own generator from (seed, epoch, batch, position).</summary>
    static (byte[] Pixels, IReadOnlyList<LabeledBox>[] Boxes) MakeBatch(PreparedCache cache, DetectionSamples samples, int[] rows, DetectorConfig config,
        long seed, int epoch, int batch)
    {
        var pixels = new byte[rows.Length * cache.ImageBytes];
        cache.Gather(rows, pixels);
        var boxes = new IReadOnlyList<LabeledBox>[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            var random = SeedDerivation.CreateRandom(seed, $"detector-augment-{epoch}-{batch}-{i}");
            boxes[i] = DetectionAugmentation.Apply(pixels.AsSpan(i * cache.ImageBytes, cache.ImageBytes), cache.Size, samples.Boxes[rows[i]], config, random);
        }
        return (pixels, boxes);
    }
}
