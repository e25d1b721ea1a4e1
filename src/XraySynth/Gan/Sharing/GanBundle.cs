using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Gan.Dcgan;
using XraySynth.Gan.Pggan;
using XraySynth.Gan.Sampling;
using XraySynth.Gan.Training;
using XraySynth.Torch.Safetensors;
using static TorchSharp.torch;

namespace XraySynth.Gan.Sharing;

/// <summary>
/// A shareable GAN: one zip (.xsgan) holding the moving-average generator's weights as safetensors, config.json, a
/// Markdown model card, a sample grid and manifest.json with the SHA-256 of every other entry. Opening one checks the
/// entry names, sizes and every hash before anything is parsed, and nothing in it is ever executed. The manifest
/// detects corruption and tampering in transit; for authenticity publish the bundle's own SHA-256 (<c>gan info</c>) beside it.
/// </summary>
public sealed class GanBundle
{
    /// <summary>Entry: SHA-256 of every other entry.</summary>
    public const string ManifestEntry = "manifest.json";
    /// <summary>Entry: architecture, labels, provenance.</summary>
    public const string ConfigEntry = "config.json";
    /// <summary>Entry: the weights.</summary>
    public const string WeightsEntry = "generator.safetensors";
    /// <summary>Entry: the model card.</summary>
    public const string CardEntry = "MODEL_CARD.md";
    /// <summary>Entry: a sample grid (one row per condition).</summary>
    public const string SamplesEntry = "samples.png";

    static readonly string[] Contents = [ConfigEntry, WeightsEntry, CardEntry, SamplesEntry];
    const string ManifestFormat = "xraysynth-gan-bundle-manifest";

    /// <summary>The bundle file.</summary>
    public string Path { get; }
    /// <summary>config.json.</summary>
    public BundleConfig Config { get; }
    /// <summary>The weights (PyTorch names).</summary>
    public IReadOnlyList<SafetensorsTensor> Tensors { get; }
    /// <summary>The model card (Markdown).</summary>
    public string Card { get; }
    /// <summary>Every entry but the manifest, as the manifest lists them (all verified).</summary>
    public IReadOnlyList<BundleEntry> Entries { get; }
    /// <summary>SHA-256 of the whole bundle file.</summary>
    public string FileSha256 { get; }

    GanBundle(string path, BundleConfig config, IReadOnlyList<SafetensorsTensor> tensors, string card, IReadOnlyList<BundleEntry> entries, string fileSha256)
    {
        Path = path; Config = config; Tensors = tensors; Card = card; Entries = entries; FileSha256 = fileSha256;
    }

    /// <summary>Packs a run's moving-average generator into <see cref="BundleExportRequest.Out"/> (written atomically).</summary>
    public static GanBundle Export(BundleExportRequest request, IReporter reporter)
    {
        if (File.Exists(request.Out) && !request.Force) throw new UserError($"{request.Out} exists (use --force to replace it)");
        var quality = QualitySummary.Read(request.Quality, request.Memorization);
        var run = RunFolder.Open(request.Run);
        var info = GanRunInfo.Read(run.RunFile);
        using var generator = TrainedGenerator.Load(request.Run, request.Snapshot, CPU);
        UnfinishedGenerator.Ensure(generator, request.AllowUnfinished, "gan export", reporter);
        var config = new BundleConfig
        {
            Kind = generator.Config.Kind,
            Dcgan = generator.Config.Kind == GanKind.Dcgan ? generator.Config.Dcgan : null,
            Pggan = generator.Config.Kind == GanKind.Pggan ? generator.Config.Pggan : null,
            Labels = generator.Labels,
            SampleResolution = generator.SampleResolution,
            Alpha = generator.Alpha,
            Kimg = generator.State.Kimg,
            Run = generator.RunName,
            SnapshotSha256 = generator.Hash,
            TrainingData = info.DatasetName,
            TrainingDataLicense = TrainingDataLicense(info),
            CreatedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [ConfigEntry] = Encoding.UTF8.GetBytes(config.ToJson()),
            [WeightsEntry] = SafetensorsFile.Write(GeneratorWeights.Export(generator.Module, config.Kind),
                new Dictionary<string, string> { ["format"] = "pt", ["xraysynth_kind"] = config.Kind.ToString().ToLowerInvariant() }),
            [CardEntry] = Encoding.UTF8.GetBytes(ModelCard.Write(config, quality)),
            [SamplesEntry] = SamplePng(generator, info.Seed, request.GridColumns),
        };
        var entries = files.Select(f => new BundleEntry(f.Key, f.Value.LongLength, Sha256(f.Value))).ToList();
        string manifest = JsonSerializer.Serialize(new { format = ManifestFormat, entries = entries.Select(e => new { path = e.Path, bytes = e.Bytes, sha256 = e.Sha256 }) },
            new JsonSerializerOptions { WriteIndented = true }) + "\n";
        AtomicFile.WriteBinary(request.Out, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            Add(zip, ManifestEntry, Encoding.UTF8.GetBytes(manifest));
            foreach (var (name, bytes) in files) Add(zip, name, bytes);
        });
        reporter.Info($"gan export: {request.Out} ({config.Kind.ToString().ToLowerInvariant()}, {config.SampleResolution} px, {config.Labels.Count} labels, {config.Kimg:0.###} kimg)");
        return Open(request.Out, BundleLimits.Default);
    }

    /// <summary>
    /// Opens and checks a bundle: entry names (no absolute paths, no <c>..</c>, no duplicates, only the known entries),
    /// declared and actual decompressed sizes against <paramref name="limits"/>, the manifest, every entry's SHA-256, then
    /// config.json and the safetensors header. Does not build the generator (see <see cref="BuildGenerator"/> and <see cref="Verify"/>).
    /// </summary>
    /// <exception cref="UserError">The first problem found, naming the entry.</exception>
    public static GanBundle Open(string path, BundleLimits limits)
    {
        if (!File.Exists(path)) throw new UserError($"{path} does not exist");
        string fileHash;
        using (var file = File.OpenRead(path)) fileHash = Convert.ToHexString(SHA256.HashData(file)).ToLowerInvariant();
        using var stream = File.OpenRead(path);
        ZipArchive zip;
        try { zip = new ZipArchive(stream, ZipArchiveMode.Read); }
        catch (InvalidDataException e) { throw new UserError($"{path}: not a GAN bundle (not a zip file: {e.Message})", e); }
        using (zip)
        {
            var byName = CheckStructure(zip, path, limits);
            if (!byName.TryGetValue(ManifestEntry, out var manifestEntry)) throw new UserError($"{path}: no {ManifestEntry}: not a GAN bundle");
            var listed = ReadManifest(ReadBounded(manifestEntry, path, limits), path);
            foreach (string name in byName.Keys.Where(n => n != ManifestEntry && !listed.ContainsKey(n)))
                throw new UserError($"{path}: entry '{name}' is not listed in {ManifestEntry} (added after export)");
            foreach (string name in Contents.Where(n => !listed.ContainsKey(n)))
                throw new UserError($"{path}: {ManifestEntry} does not list '{name}'");
            var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (name, expected) in listed)
            {
                if (!byName.TryGetValue(name, out var entry)) throw new UserError($"{path}: entry '{name}' listed in {ManifestEntry} is missing");
                byte[] bytes = ReadBounded(entry, path, limits);
                if (bytes.LongLength != expected.Bytes || Sha256(bytes) != expected.Sha256)
                    throw new UserError($"{path}: entry '{name}' does not match its SHA-256 in {ManifestEntry} (changed after export)");
                contents[name] = bytes;
            }

            var config = BundleConfig.Parse(Encoding.UTF8.GetString(contents[ConfigEntry]), $"{path}!{ConfigEntry}");
            var (tensors, _) = SafetensorsFile.Read(contents[WeightsEntry], $"{path}!{WeightsEntry}");
            return new GanBundle(path, config, tensors, Encoding.UTF8.GetString(contents[CardEntry]), listed.Values.ToList(), fileHash);
        }
    }

    /// <summary>Opens a bundle and loads its weights into a generator built from its config (every tensor's dtype and shape checked).</summary>
    public static GanBundle Verify(string path, BundleLimits? limits = null)
    {
        var bundle = Open(path, limits ?? BundleLimits.Default);
        bundle.BuildGenerator().Dispose();
        return bundle;
    }

    /// <summary>A new CPU generator built from the config with the bundle's weights, in eval mode.</summary>
    /// <exception cref="UserError">A tensor is missing, extra, or of another dtype or shape than the config needs.</exception>
    public nn.Module BuildGenerator()
    {
        nn.Module generator = Config.Kind == GanKind.Pggan
            ? new PgganGenerator(Config.Pggan!, Config.Labels.Count)
            : new DcganGenerator(Config.Dcgan!, Config.Labels.Count);
        try
        {
            GeneratorWeights.Load(generator, Config.Kind, Tensors, $"{Path}!{WeightsEntry}");
            generator.eval();
            return generator;
        }
        catch
        {
            generator.Dispose();
            throw;
        }
    }

    static Dictionary<string, ZipArchiveEntry> CheckStructure(ZipArchive zip, string path, BundleLimits limits)
    {
        if (zip.Entries.Count > limits.MaxEntries) throw new UserError($"{path}: {zip.Entries.Count} entries, a bundle has at most {limits.MaxEntries}");
        var byName = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            string name = entry.FullName;
            if (name.StartsWith('/') || name.StartsWith('\\') || name.Contains(':') || name.Contains('\\'))
                throw new UserError($"{path}: entry '{name}' has an absolute path; bundle entries are plain relative names");
            if (name.Split('/').Any(segment => segment is ".." or "." or ""))
                throw new UserError($"{path}: entry '{name}' contains '..' or an empty path segment; refused");
            if (!byName.TryAdd(name, entry)) throw new UserError($"{path}: entry '{name}' appears twice");
            if (name != ManifestEntry && !Contents.Contains(name))
                throw new UserError($"{path}: unexpected entry '{name}' (a bundle holds only {ManifestEntry}, {string.Join(", ", Contents)})");
            if (entry.Length > limits.MaxEntryBytes)
                throw new UserError($"{path}: entry '{name}' decompresses to {entry.Length} bytes, over the {limits.MaxEntryBytes}-byte limit");
            if (entry.Length > 1 << 20 && entry.Length > limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                throw new UserError($"{path}: entry '{name}' expands {entry.Length / Math.Max(1, entry.CompressedLength)}x when decompressed (zip bomb?); refused");
            total += entry.Length;
            if (total > limits.MaxTotalBytes) throw new UserError($"{path}: entries decompress to over {limits.MaxTotalBytes} bytes in all; refused");
        }
        return byName;
    }

    /// <summary>Decompresses an entry, never past its declared size or the limit (the declared size may lie).</summary>
    static byte[] ReadBounded(ZipArchiveEntry entry, string path, BundleLimits limits)
    {
        long cap = Math.Min(entry.Length, limits.MaxEntryBytes);
        using var input = entry.Open();
        using var output = new MemoryStream();
        var buffer = new byte[1 << 16];
        int read;
        try
        {
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > cap) throw new UserError($"{path}: entry '{entry.FullName}' decompresses to more than the {cap} bytes it declares; refused");
            }
        }
        catch (InvalidDataException e) { throw new UserError($"{path}: entry '{entry.FullName}' is corrupt ({e.Message})", e); }
        return output.ToArray();
    }

    static Dictionary<string, BundleEntry> ReadManifest(byte[] bytes, string path)
    {
        string where = $"{path}!{ManifestEntry}";
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != ManifestFormat)
                throw new UserError($"{where}: not a bundle manifest (format '{ManifestFormat}' expected)");
            var listed = new Dictionary<string, BundleEntry>(StringComparer.Ordinal);
            foreach (var item in root.GetProperty("entries").EnumerateArray())
            {
                var entry = new BundleEntry(item.GetProperty("path").GetString()!, item.GetProperty("bytes").GetInt64(), item.GetProperty("sha256").GetString()!);
                if (!Contents.Contains(entry.Path)) throw new UserError($"{where}: lists unexpected entry '{entry.Path}'");
                if (!listed.TryAdd(entry.Path, entry)) throw new UserError($"{where}: lists '{entry.Path}' twice");
            }
            return listed;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new UserError($"{where}: invalid manifest ({e.Message})", e);
        }
    }

    static string TrainingDataLicense(GanRunInfo info)
    {
        string file = System.IO.Path.Combine(info.Dataset, Dataset.InfoFileName);
        if (!File.Exists(file)) return $"not recorded ({file} was not found at export)";
        try
        {
            var dataset = JsonSerializer.Deserialize<DatasetInfo>(File.ReadAllText(file));
            if (dataset is null) return "not recorded";
            if (dataset.Origin.StartsWith("procedural chest phantom", StringComparison.Ordinal))
                return "procedural phantom generated by XraySynth (no patient data)";
            return $"{(dataset.Origin.Length > 0 ? dataset.Origin : dataset.Name)}; license: {(dataset.License.Length > 0 ? dataset.License : "not recorded")}";
        }
        catch (JsonException) { return $"not recorded ({file} could not be read)"; }
    }

    static byte[] SamplePng(TrainedGenerator generator, long seed, int columns)
    {
        var (conditions, titles) = SampleGrid.Conditions(generator.Labels);
        int rows = titles.Length;
        byte[] pixels;
        using (var scope = NewDisposeScope())
        {
            var latents = SampleGrid.Latents(seed, rows, columns, generator.LatentSize);
            var y = tensor(conditions).repeat_interleave(columns, 0);
            pixels = SampleGrid.ToBytes(generator.Generate(latents, y), generator.Resolution);
        }
        string temporary = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"xraysynth-grid-{Guid.NewGuid():N}.png");
        try
        {
            SampleGrid.Write(temporary, pixels, generator.Resolution, rows, columns, titles,
                $"{generator.RunName}: {generator.State.Kimg:0.###} kimg (research only, not for diagnosis)");
            return File.ReadAllBytes(temporary);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}
