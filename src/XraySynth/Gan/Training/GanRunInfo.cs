using System.Text.Json;
using XraySynth.Common;

namespace XraySynth.Gan.Training;

/// <summary>run.json: what started a GAN run (so the run describes itself and resumes with the same seed).</summary>
/// <param name="CreatedBy">Command line.</param>
/// <param name="Seed">Run seed.</param>
/// <param name="Dataset">Dataset folder trained on.</param>
/// <param name="DatasetName">Its name.</param>
/// <param name="Labels">Label vocabulary, in condition order.</param>
/// <param name="CreatedUtc">Start time.</param>
/// <param name="Device">Device it started on.</param>
public sealed record GanRunInfo(string CreatedBy, long Seed, string Dataset, string DatasetName, IReadOnlyList<string> Labels, string CreatedUtc, string Device)
{
    /// <summary>Reads run.json.</summary>
    /// <exception cref="UserError">Missing or invalid.</exception>
    public static GanRunInfo Read(string path)
    {
        if (!File.Exists(path)) throw new UserError($"{path} is missing: not a complete GAN run folder");
        try
        {
            return JsonSerializer.Deserialize<GanRunInfo>(File.ReadAllText(path)) ?? throw new UserError($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new UserError($"{path}: invalid run.json ({e.Message})", e);
        }
    }
}
