using TorchSharp;
using XraySynth.Classify.Networks;
using XraySynth.Classify.Training;
using XraySynth.Common;
using XraySynth.Configuration;
using XraySynth.Data;
using XraySynth.Data.Cache;
using static TorchSharp.torch;

namespace XraySynth.Classify.Evaluation;

/// <summary>A classifier run's best model, loaded for prediction.</summary>
public sealed class TrainedClassifier : IDisposable
{
    /// <summary>The run folder.</summary>
    public RunFolder Run { get; }
    /// <summary>Its config.</summary>
    public ClassifierConfig Config { get; }
    /// <summary>What started it.</summary>
    public ClassifierRunInfo Info { get; }
    /// <summary>The network in eval mode on its device.</summary>
    public ClassifierNetwork Network { get; }
    /// <summary>Epoch and validation AUROC of the loaded weights.</summary>
    public ClassifierSnapshot.ModelHeader Header { get; }
    /// <summary>The run folder's name.</summary>
    public string Name => Path.GetFileName(Run.Path);

    TrainedClassifier(RunFolder run, ClassifierConfig config, ClassifierRunInfo info, ClassifierNetwork network, ClassifierSnapshot.ModelHeader header)
    {
        Run = run; Config = config; Info = info; Network = network; Header = header;
    }

    /// <summary>Loads the best model of <paramref name="runPath"/> onto <paramref name="device"/>.</summary>
    public static TrainedClassifier Load(string runPath, Device device)
    {
        var run = RunFolder.Open(runPath);
        var config = YamlConfig.Load<ClassifierConfig>(run.ConfigFile, ClassifierConfig.Section);
        var info = ClassifierRunInfo.Read(run.RunFile);
        var network = ClassifierNetworks.Create(config.Architecture, info.Labels.Count);
        var header = ClassifierSnapshot.LoadModel(Path.Combine(run.Path, ClassifierTrainer.BestModelFile), network);
        network.to(device);
        network.eval();
        return new TrainedClassifier(run, config, info, network, header);
    }

    /// <summary>Predictions on the images of <paramref name="split"/> in <paramref name="dataset"/> (the cache is prepared if needed).</summary>
    public Predictions Predict(Dataset dataset, Split split, Device device, IReporter reporter)
    {
        if (!dataset.Vocabulary.Names.SequenceEqual(Info.Labels))
            throw new UserError($"{dataset.Root} has labels [{dataset.Vocabulary}] but {Name} predicts [{string.Join(", ", Info.Labels)}]");
        CachePreparer.Prepare(dataset, new PrepareConfig { Size = Config.ImageSize }, reporter);
        using var cache = PreparedCache.Open(dataset, Config.ImageSize);
        int[] rows = ClassifierPredictor.RowsOf(cache, split);
        if (rows.Length == 0) throw new UserError($"{dataset.Root} has no {ManifestEnums.Format(split)} images");
        var probabilities = ClassifierPredictor.Predict(Network, cache, rows, device, Math.Max(16, Config.BatchSize * 2));
        var truth = ClassifierPredictor.Truth(cache, rows);
        int labels = Info.Labels.Count;
        var p = new double[rows.Length, labels];
        var t = new double[rows.Length, labels];
        for (int i = 0; i < rows.Length; i++)
            for (int l = 0; l < labels; l++) { p[i, l] = probabilities[i, l]; t[i, l] = truth[i, l]; }
        return new Predictions(rows.Select(r => dataset.Images[r].Id).ToArray(), rows.Select(r => dataset.Images[r].PatientId).ToArray(), Info.Labels, t, p);
    }

    /// <inheritdoc />
    public void Dispose() => Network.Dispose();
}
