using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using XraySynth.Classify.Losses;
using XraySynth.Classify.Networks;
using XraySynth.Common;
using XraySynth.Configuration;
using XraySynth.Data;
using XraySynth.Data.Cache;
using XraySynth.Data.Checks;
using XraySynth.Data.Loading;
using XraySynth.Data.Splitting;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Classify.Training;

/// <summary>
/// The classifier training loop: checked data, a self-describing run folder, AdamW with warm-up + cosine,
/// the configured loss and sampler, validation mean AUROC each epoch for checkpoint selection and early
/// stopping, and a snapshot per epoch from which a resumed run continues exactly.
/// </summary>
public static class ClassifierTrainer
{
    /// <summary>The best model's file name in a run folder.</summary>
    public const string BestModelFile = "best-model.xscls";

    /// <summary>Trains (or resumes) a classifier run.</summary>
    public static ClassifierTrainingResult Train(ClassifierTrainingRequest request, TorchRuntime runtime, IReporter reporter, CancellationToken cancel)
    {
        var config = request.Config;
        if (config.Data is null) throw new UserError("classify: no dataset: pass --data DIR or set classifier.data in the config");

        // 1. Data: checked dataset, prepared cache, train and val rows.
        var dataset = Dataset.Load(config.Data);
        DatasetChecks.EnsureValid(dataset, new CheckOptions { CachedSize = config.ImageSize }, reporter);
        CachePreparer.Prepare(dataset, new PrepareConfig { Size = config.ImageSize }, reporter);
        using var cache = PreparedCache.Open(dataset, config.ImageSize);
        int[] train = RowSubset.OfSplit(dataset, Split.Train), val = RowSubset.OfSplit(dataset, Split.Val);
        if (train.Length == 0 || val.Length == 0) throw new UserError($"{dataset.Root}: the classifier needs train and val images (train {train.Length}, val {val.Length})");
        var labels = dataset.Vocabulary.Names;
        int synthetic = train.Count(r => dataset.Images[r].Source == ImageSource.Synthetic);

        // 2. Run folder.
        RunFolder run;
        long seed = runtime.Seed;
        if (request.Resume is null)
        {
            run = RunFolder.CreateNext(config.Out, $"classify-{dataset.Info.Name}-{Name(config.Architecture)}-{config.ImageSize}");
            run.WriteRunInfo(new ClassifierRunInfo(request.CreatedBy, seed, dataset.Root, dataset.Info.Name, labels, train.Length, synthetic,
                DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), runtime.Device.ToString(), TrainingImages.Fingerprint(dataset)));
            TrainingImages.Write(run.Path, train.Concat(val).Select(r => dataset.Images[r]));
        }
        else
        {
            run = RunFolder.Open(request.Resume);
            seed = ClassifierRunInfo.Read(run.RunFile).Seed;
        }
        AtomicFile.WriteText(run.ConfigFile, w => w.Write(YamlConfigWriter.Write(config, ClassifierConfig.Section)));
        reporter.Info($"classify: {Name(config.Architecture)} at {config.ImageSize} px on {train.Length} training images ({synthetic} synthetic), " +
                      $"{val.Length} validation images, {labels.Count} labels -> {run.Path}");

        // 3. Model and optimizer (weights loaded on the CPU, then moved, then the optimizer built there).
        var device = runtime.Device;
        bool cuda = device.type == DeviceType.CUDA;
        bool channelsLast = config.ChannelsLast && (cuda || request.ChannelsLastOnCpu);
        if (cuda && config.Tf32) { torch.backends.cuda.matmul.allow_tf32 = true; torch.backends.cudnn.allow_tf32 = true; }
        runtime.Reseed(seed);
        using var model = ClassifierNetworks.Create(config.Architecture, labels.Count);
        OptimizerHelper BuildOptimizer()
        {
            model.to(device);
            if (channelsLast) ChannelsLast.Apply(model);
            return config.ForeachAdam
                ? new ForeachAdam(model.parameters(), config.LearningRate, 0.9, 0.999, 1e-8, config.WeightDecay)
                : optim.AdamW(model.parameters(), config.LearningRate, 0.9, 0.999, 1e-8, config.WeightDecay);
        }
        OptimizerHelper optimizer;
        ClassifierState state;
        if (request.Resume is null)
        {
            optimizer = BuildOptimizer();
            state = ClassifierState.Start;
        }
        else
        {
            string latest = run.LatestSnapshot();
            (state, optimizer) = ClassifierSnapshot.Load(latest, model, BuildOptimizer);
            reporter.Info($"classify: resumed after epoch {state.Epoch} (best validation AUROC {state.BestAuroc:0.0000} at epoch {state.BestEpoch})");
        }
        using var optimizerOwner = optimizer;

        // 4. Loss, sampler, loader, schedule.
        using var posWeight = config.Loss == ClassifierLoss.WeightedBce ? tensor(LabelFrequencyWeights.PositiveWeights(train.Select(r => dataset.Images[r]).ToList(), dataset.Vocabulary)).to(device) : null;
        ISampler sampler = config.Sampling == ClassifierSampling.LabelBalanced
            ? new WeightedSampler(train, LabelFrequencyWeights.Balanced(train.Select(r => dataset.Images[r]).ToList()), seed, train.Length)
            : new ShuffleSampler(train, seed);
        var loader = new BatchLoader(cache, sampler, new LoaderOptions { BatchSize = config.BatchSize, DropLast = train.Length > config.BatchSize, Workers = config.Workers, Seed = seed },
            config.Augmentation.Build());
        long stepsPerEpoch = loader.BatchesPerEpoch;
        var schedule = new LearningRateSchedule(config.LearningRate, (long)Math.Round(config.WarmupEpochs * stepsPerEpoch), config.Epochs * stepsPerEpoch);
        var log = new EpochLog(run.LogFile, request.Resume is null ? null : state.Epoch, labels);

        // 5. Epochs.
        // A resumed run that had already stopped early stays stopped (resume continues exactly, it does not extend).
        bool cancelled = false, stoppedEarly = state.Epoch > 0 && state.EpochsWithoutImprovement >= config.Patience;
        // Progress counts each epoch's steps and its validation, so 100% comes after the last epoch's results are shown.
        using var progress = reporter.Start("classify train", config.Epochs * (stepsPerEpoch + 1));
        progress.Advance(state.Epoch * (stepsPerEpoch + 1));
        string? previous = null; // the last finished epoch's results
        while (state.Epoch < config.Epochs && !cancelled && !stoppedEarly)
        {
            int epoch = state.Epoch;
            progress.Status(previous is null ? $"epoch {epoch + 1}/{config.Epochs}" : $"epoch {epoch + 1}/{config.Epochs}; epoch {epoch}: {previous}");
            var clock = Stopwatch.StartNew();
            using var lossSum = zeros(1, device: device);
            long seen = 0, step = state.Step;
            model.train();
            try
            {
                foreach (var batch in loader.Epoch(epoch, cancel))
                {
                    using var quiet = GcQuietStep.Begin();
                    using var scope = NewDisposeScope();
                    var x = batch.ToTensor(device);
                    if (channelsLast) x = ChannelsLast.Of(x);
                    if (cuda && config.Bf16) x = x.to(ScalarType.BFloat16);
                    var y = batch.LabelsTensor(device);
                    foreach (var group in optimizer.ParamGroups) group.LearningRate = schedule.At(step);
                    model.zero_grad();
                    var logits = model.forward(x);
                    var loss = config.Loss switch
                    {
                        ClassifierLoss.Focal => FocalLoss.Loss(logits, y, config.FocalAlpha, config.FocalGamma),
                        _ => WeightedBce.Loss(logits, y, posWeight),
                    };
                    loss.backward();
                    optimizer.step();
                    lossSum.add_(loss.detach() * batch.Count);
                    seen += batch.Count;
                    step++;
                    progress.Advance();
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // Ctrl-C mid-epoch: the snapshot of the last finished epoch is the resume point.
            }
            if (cancel.IsCancellationRequested) { cancelled = true; break; }
            double trainLoss = lossSum.item<float>() / Math.Max(1, seen);
            double rate = seen / Math.Max(1e-9, clock.Elapsed.TotalSeconds);

            // Validation: mean AUROC over labels with both classes in val selects the checkpoint.
            var probabilities = ClassifierPredictor.Predict(model, cache, val, device, config.BatchSize * 2, channelsLast);
            var (perLabel, mean) = ClassifierPredictor.Aurocs(probabilities, ClassifierPredictor.Truth(cache, val));
            bool better = double.IsFinite(mean) && (!double.IsFinite(state.BestAuroc) || mean > state.BestAuroc);
            state = new ClassifierState(epoch + 1, step, better ? mean : state.BestAuroc, better ? epoch + 1 : state.BestEpoch,
                better ? 0 : state.EpochsWithoutImprovement + 1);
            if (better) ClassifierSnapshot.SaveModel(Path.Combine(run.Path, BestModelFile), model, epoch + 1, mean);
            log.Write(epoch + 1, step, trainLoss, mean, schedule.At(step - 1), rate, perLabel, better);
            previous = $"loss {trainLoss:0.0000}, val AUROC {mean:0.0000} (best {state.BestAuroc:0.0000} @ {state.BestEpoch}), {rate:0} img/s";
            progress.Status($"epoch {epoch + 1}/{config.Epochs} done: {previous}");
            reporter.Detail($"epoch {epoch + 1}: train loss {trainLoss:0.0000}, val mean AUROC {mean:0.0000}{(better ? " (best)" : "")}");
            ClassifierSnapshot.Save(run.SnapshotFile(state.Step), state, model, optimizer);
            run.Prune(2);
            progress.Advance(); // the validation
            if (state.EpochsWithoutImprovement >= config.Patience)
            {
                stoppedEarly = true;
                reporter.Info($"classify: early stop after epoch {state.Epoch}: no better validation AUROC for {config.Patience} epochs");
                break;
            }
        }
        if (cancelled)
        {
            reporter.Warn($"classify: interrupted during epoch {state.Epoch + 1}; the run resumes from the end of epoch {state.Epoch}: xraysynth classify train --resume {run.Path}");
        }
        string best = Path.Combine(run.Path, BestModelFile);
        if (!File.Exists(best)) ClassifierSnapshot.SaveModel(best, model, state.Epoch, state.BestAuroc);
        return new ClassifierTrainingResult(run.Path, state, best, cancelled, stoppedEarly);
    }

    /// <summary>The short name used in run folders and tables: resnet18, resnet50, densenet121.</summary>
    public static string Name(ClassifierArchitecture architecture) => architecture.ToString().ToLowerInvariant();
}
