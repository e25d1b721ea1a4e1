using TorchSharp;
using XraySynth.Common;
using XraySynth.Configuration;
using XraySynth.Data;
using XraySynth.Data.Cache;
using XraySynth.Detect.Networks;
using XraySynth.Detect.Training;
using static TorchSharp.torch;

namespace XraySynth.Detect.Evaluation;

/// <summary>A detector run's best model, loaded with its config and run.json.</summary>
public sealed class TrainedDetector : IDisposable
{
    /// <summary>The run folder.</summary>
    public RunFolder Run { get; }
    /// <summary>Its resolved config.</summary>
    public DetectorConfig Config { get; }
    /// <summary>Its run.json.</summary>
    public DetectorRunInfo Info { get; }
    /// <summary>The network (eval mode).</summary>
    public CenterNetDetector Network { get; }
    /// <summary>Epoch and validation mAP of the loaded weights.</summary>
    public DetectorSnapshot.ModelHeader Header { get; }
    /// <summary>The run folder's name.</summary>
    public string Name => Path.GetFileName(Run.Path);

    TrainedDetector(RunFolder run, DetectorConfig config, DetectorRunInfo info, CenterNetDetector network, DetectorSnapshot.ModelHeader header)
    {
        Run = run; Config = config; Info = info; Network = network; Header = header;
    }

    /// <summary>Loads the best model of <paramref name="runPath"/> onto <paramref name="device"/>.</summary>
    public static TrainedDetector Load(string runPath, Device device)
    {
        var run = RunFolder.Open(runPath);
        var config = YamlConfig.Load<DetectorConfig>(run.ConfigFile, DetectorConfig.Section);
        var info = DetectorRunInfo.Read(run.RunFile);
        var network = new CenterNetDetector(info.Classes.Count, config.Width, config.PyramidChannels);
        var header = DetectorSnapshot.LoadModel(Path.Combine(run.Path, DetectorTrainer.BestModelFile), network);
        network.to(device);
        network.eval();
        return new TrainedDetector(run, config, info, network, header);
    }

    /// <summary>
    /// Boxes on the usable images of <paramref name="split"/> (all images of it when <paramref name="allImages"/>, e.g.
    /// synthetic images to pseudo-label), with their ground truth; the cache is prepared if needed.
    /// </summary>
    public DetectorPredictions Predict(Dataset dataset, Split split, Device device, IReporter reporter, bool allImages = false)
    {
        CachePreparer.Prepare(dataset, new PrepareConfig { Size = Config.ImageSize }, reporter);
        using var cache = PreparedCache.Open(dataset, Config.ImageSize);
        var samples = DetectionSamples.Build(dataset, Info.Classes, Config.ImageSize);
        int[] rows = allImages
            ? Enumerable.Range(0, dataset.Images.Count).Where(r => dataset.Images[r].Split == split).ToArray()
            : samples.Rows(dataset, split);
        if (rows.Length == 0) throw new UserError($"{dataset.Root} has no usable {ManifestEnums.Format(split)} images for the classes {string.Join(", ", Info.Classes)}");
        var predicted = DetectorPredictor.Predict(Network, cache, rows, device, Math.Max(8, Config.BatchSize * 2), Config);
        return new DetectorPredictions(rows.Select(r => dataset.Images[r]).ToArray(), Info.Classes, Config.ImageSize,
            predicted, rows.Select(r => samples.Boxes[r]).ToArray());
    }

    /// <inheritdoc />
    public void Dispose() => Network.Dispose();
}
