using System.Text.Json;
using XraySynth.Common;

namespace XraySynth.Detect.Training;

/// <summary>run.json of a detector run: what started it, on which data, which classes, which seed.</summary>
/// <param name="CreatedBy">Command line.</param>
/// <param name="Seed">Run seed.</param>
/// <param name="Dataset">Dataset folder.</param>
/// <param name="DatasetName">Its name.</param>
/// <param name="Classes">Detection classes (heatmap channels).</param>
/// <param name="TrainImages">Usable training images (real + synthetic).</param>
/// <param name="SyntheticImages">Synthetic training images among them.</param>
/// <param name="TrainBoxes">Boxes in those images.</param>
/// <param name="CreatedUtc">Start time.</param>
/// <param name="Device">Device it started on.</param>
/// <param name="SplitFingerprint">The dataset's split fingerprint at training (<see cref="Data.Splitting.TrainingImages.Fingerprint"/>); null for older runs.</param>
public sealed record DetectorRunInfo(string CreatedBy, long Seed, string Dataset, string DatasetName, IReadOnlyList<string> Classes,
    int TrainImages, int SyntheticImages, int TrainBoxes, string CreatedUtc, string Device, string? SplitFingerprint = null)
{
    /// <summary>Reads run.json.</summary>
    public static DetectorRunInfo Read(string path)
    {
        if (!File.Exists(path)) throw new UserError($"{path} is missing: not a complete detector run folder");
        try
        {
            return JsonSerializer.Deserialize<DetectorRunInfo>(File.ReadAllText(path)) ?? throw new UserError($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new UserError($"{path}: invalid run.json ({e.Message})", e);
        }
    }
}
