using System.Globalization;
using System.Text.Json;

namespace XraySynth.Common;

/// <summary>
/// A self-describing run folder <c>checkpoints/NNNNN-desc/</c> (GAN and classifier runs): <c>config.yaml</c> (resolved config),
/// <c>run.json</c> (command, seed, dataset, labels), <c>log.csv</c>, <c>samples/</c> (fixed-latent grids),
/// <c>snapshots/</c>. Numbers only grow: an existing run is never overwritten.
/// </summary>
public sealed class RunFolder
{
    /// <summary>Absolute path of the run.</summary>
    public string Path { get; }

    RunFolder(string path) => Path = System.IO.Path.GetFullPath(path);

    /// <summary>The resolved config file.</summary>
    public string ConfigFile => System.IO.Path.Combine(Path, "config.yaml");
    /// <summary>What started the run.</summary>
    public string RunFile => System.IO.Path.Combine(Path, "run.json");
    /// <summary>The training log.</summary>
    public string LogFile => System.IO.Path.Combine(Path, "log.csv");
    /// <summary>Sample grids.</summary>
    public string SamplesFolder => System.IO.Path.Combine(Path, "samples");
    /// <summary>Snapshots.</summary>
    public string SnapshotsFolder => System.IO.Path.Combine(Path, "snapshots");

    /// <summary>Creates the next numbered run folder under <paramref name="parent"/>, e.g. 00003-pggan-phantom-64.</summary>
    public static RunFolder CreateNext(string parent, string description)
    {
        Directory.CreateDirectory(parent);
        int next = Directory.EnumerateDirectories(parent)
            .Select(d => System.IO.Path.GetFileName(d))
            .Select(n => n.Length >= 5 && int.TryParse(n[..5], NumberStyles.None, CultureInfo.InvariantCulture, out int k) ? k : -1)
            .DefaultIfEmpty(-1).Max() + 1;
        string safe = new(description.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
        var run = new RunFolder(System.IO.Path.Combine(parent, $"{next:D5}-{safe}"));
        Directory.CreateDirectory(run.Path);
        Directory.CreateDirectory(run.SamplesFolder);
        Directory.CreateDirectory(run.SnapshotsFolder);
        return run;
    }

    /// <summary>Opens an existing run (a folder with config.yaml and snapshots/).</summary>
    /// <exception cref="UserError">Not a run folder.</exception>
    public static RunFolder Open(string path)
    {
        var run = new RunFolder(path);
        if (!File.Exists(run.ConfigFile) || !Directory.Exists(run.SnapshotsFolder))
            throw new UserError($"{path}: not a run folder (expected config.yaml and snapshots/ from 'xraysynth gan train' or 'xraysynth classify train')");
        return run;
    }

    /// <summary>Snapshot file for a step.</summary>
    public string SnapshotFile(long step) => System.IO.Path.Combine(SnapshotsFolder, $"snapshot-{step:D9}.xsnap");

    /// <summary>Snapshots, oldest first.</summary>
    public IReadOnlyList<string> Snapshots() =>
        Directory.Exists(SnapshotsFolder)
            ? Directory.GetFiles(SnapshotsFolder, "snapshot-*.xsnap").Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The newest snapshot.</summary>
    /// <exception cref="UserError">The run has none.</exception>
    public string LatestSnapshot() =>
        Snapshots().LastOrDefault() ?? throw new UserError($"{Path}: the run has no snapshot yet");

    /// <summary>Deletes all but the newest <paramref name="keep"/> snapshots.</summary>
    public void Prune(int keep)
    {
        var all = Snapshots();
        foreach (string old in all.Take(Math.Max(0, all.Count - keep))) File.Delete(old);
    }

    /// <summary>Writes run.json.</summary>
    public void WriteRunInfo(object info) =>
        AtomicFile.WriteText(RunFile, w => w.Write(JsonSerializer.Serialize(info, new JsonSerializerOptions { WriteIndented = true }) + "\n"));
}
