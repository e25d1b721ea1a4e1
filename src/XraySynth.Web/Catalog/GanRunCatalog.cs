using XraySynth.Report;

namespace XraySynth.Web.Catalog;

/// <summary>
/// The GAN run folders under a root (any depth up to <see cref="MaxDepth"/>), rescanned on every call so runs that are
/// still training show up and grow. A run is addressed by its path relative to the root with '/' separators, and a
/// requested name is only ever matched against the scanned list, never joined onto a path.
/// </summary>
/// <param name="root">The folder to scan (e.g. checkpoints/).</param>
public sealed class GanRunCatalog(string? root)
{
    /// <summary>How deep below the root run folders are looked for.</summary>
    public const int MaxDepth = 6;

    /// <summary>The root, or null when no runs folder was given.</summary>
    public string? Root { get; } = root is null ? null : Path.GetFullPath(root);

    /// <summary>The GAN runs found now (folders with run.json, config.yaml and a gan: section), by name.</summary>
    public IReadOnlyList<GanRunEntry> Scan()
    {
        if (Root is null || !Directory.Exists(Root)) return [];
        var runs = new List<GanRunEntry>();
        Walk(Root, 0, runs);
        return [.. runs.OrderBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <summary>The run named <paramref name="name"/> (as listed by <see cref="Scan"/>), or null.</summary>
    public GanRunEntry? Find(string name) => Scan().FirstOrDefault(r => r.Name == name);

    void Walk(string folder, int depth, List<GanRunEntry> runs)
    {
        if (IsGanRun(folder))
        {
            runs.Add(new GanRunEntry(Path.GetRelativePath(Root!, folder).Replace(Path.DirectorySeparatorChar, '/'), folder));
            return;
        }
        if (depth >= MaxDepth) return;
        IEnumerable<string> children;
        try { children = Directory.EnumerateDirectories(folder).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        foreach (string child in children)
        {
            var attributes = File.GetAttributes(child);
            if ((attributes & FileAttributes.ReparsePoint) != 0) continue;   // no symlinks out of the root
            string name = Path.GetFileName(child);
            if (name.StartsWith('.') || name is "snapshots" or "samples" or "images" or "cache") continue;
            Walk(child, depth + 1, runs);
        }
    }

    static bool IsGanRun(string folder)
    {
        string config = Path.Combine(folder, "config.yaml");
        if (!File.Exists(Path.Combine(folder, "run.json")) || !File.Exists(config)) return false;
        try { return File.ReadLines(config).Any(l => l.StartsWith("gan:", StringComparison.Ordinal)); }
        catch (IOException) { return false; }
    }
}

/// <summary>A GAN run folder found by <see cref="GanRunCatalog"/>.</summary>
/// <param name="Name">Path relative to the catalog root, '/'-separated.</param>
/// <param name="Folder">Absolute folder.</param>
public sealed record GanRunEntry(string Name, string Folder)
{
    /// <summary>The fixed-latent sample grids in kimg order (empty before the first).</summary>
    public IReadOnlyList<(string Path, double Kimg)> Grids()
    {
        try { return GanTrainingFigures.FindGrids(Folder); }
        catch (Common.UserError) { return []; }
    }
}
