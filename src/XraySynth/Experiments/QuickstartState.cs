using System.Text.Json;
using XraySynth.Common;

namespace XraySynth.Experiments;

/// <summary>quickstart.json in the report folder: which outputs earlier steps produced, so a re-run skips them.</summary>
public sealed record QuickstartState
{
    /// <summary>The GAN run folder.</summary>
    public string? GanRun { get; init; }
    /// <summary>The synthetic dataset folder.</summary>
    public string? Synthetic { get; init; }
    /// <summary>The balanced (real + synthetic) dataset folder.</summary>
    public string? Balanced { get; init; }
    /// <summary>The real-only classifier run.</summary>
    public string? RealRun { get; init; }
    /// <summary>The real + synthetic classifier run.</summary>
    public string? SyntheticRun { get; init; }
    /// <summary>The comparison folder.</summary>
    public string? Comparison { get; init; }

    /// <summary>Reads the state, or an empty one when the file is missing.</summary>
    public static QuickstartState Read(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<QuickstartState>(File.ReadAllText(path)) ?? new QuickstartState() : new QuickstartState();

    /// <summary>Writes the state atomically.</summary>
    public void Write(string path) => AtomicFile.WriteText(path, w => w.Write(JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true })));
}
