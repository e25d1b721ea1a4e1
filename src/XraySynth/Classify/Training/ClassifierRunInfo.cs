using System.Text.Json;
using XraySynth.Common;

namespace XraySynth.Classify.Training;

/// <summary>run.json of a classifier run: what started it, on which data, with which labels and seed.</summary>
/// <param name="CreatedBy">Command line.</param>
/// <param name="Seed">Run seed.</param>
/// <param name="Dataset">Dataset folder.</param>
/// <param name="DatasetName">Its name.</param>
/// <param name="Labels">Output columns.</param>
/// <param name="TrainImages">Training images (real + synthetic).</param>
/// <param name="SyntheticImages">Synthetic training images among them.</param>
/// <param name="CreatedUtc">Start time.</param>
/// <param name="Device">Device it started on.</param>
/// <param name="SplitFingerprint">The dataset's split fingerprint at training (<see cref="Data.Splitting.TrainingImages.Fingerprint"/>); null for older runs.</param>
public sealed record ClassifierRunInfo(string CreatedBy, long Seed, string Dataset, string DatasetName, IReadOnlyList<string> Labels,
    int TrainImages, int SyntheticImages, string CreatedUtc, string Device, string? SplitFingerprint = null)
{
    /// <summary>Reads run.json.</summary>
    public static ClassifierRunInfo Read(string path)
    {
        if (!File.Exists(path)) throw new UserError($"{path} is missing: not a complete classifier run folder");
        try
        {
            return JsonSerializer.Deserialize<ClassifierRunInfo>(File.ReadAllText(path)) ?? throw new UserError($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new UserError($"{path}: invalid run.json ({e.Message})", e);
        }
    }
}
