using System.Text;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using XraySynth.Common;
using static TorchSharp.torch;

namespace XraySynth.Gan.Training;

/// <summary>
/// A training snapshot: counters, the three networks (generator, discriminator, moving average) and both Adam
/// states, in one file written atomically (temp file + rename), so a crash mid-write leaves the previous
/// snapshot intact. Layout: magic, format version, JSON header (counters, kind, labels, config hash), then
/// TorchSharp's own module and optimizer formats. Nothing in it is executable.
/// </summary>
public static class GanSnapshot
{
    const string Magic = "XSGANSNAP";
    static readonly byte[] EndMarker = "XSGANEND"u8.ToArray();
    const int FormatVersion = 1;

    /// <summary>What a snapshot's header says.</summary>
    /// <param name="State">Counters.</param>
    /// <param name="Kind">Generator family.</param>
    /// <param name="Labels">Label vocabulary (condition order).</param>
    /// <param name="ConfigHash">SHA-256 of the run's architecture (refuses to load into another one).</param>
    public sealed record Header(TrainingState State, GanKind Kind, IReadOnlyList<string> Labels, string ConfigHash);

    /// <summary>Writes a snapshot to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, Header header, GanNetworks networks, OptimizerHelper generatorOptimizer, OptimizerHelper discriminatorOptimizer) =>
        AtomicFile.WriteBinary(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(JsonSerializer.Serialize(header));
            networks.Generator.save(writer);
            networks.Discriminator.save(writer);
            networks.Average.save(writer);
            generatorOptimizer.save_state_dict(writer);
            discriminatorOptimizer.save_state_dict(writer);
            writer.Write(EndMarker); // a file without it was cut short
        });

    /// <summary>Reads only the header (cheap; used to list and check snapshots).</summary>
    public static Header ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        return ReadHeader(reader, path);
    }

    /// <summary>
    /// Loads a snapshot: the networks first (built for the same architecture, on the CPU), then
    /// <paramref name="afterNetworks"/> (move them to the device and build the optimizers there), then the optimizer states.
    /// </summary>
    /// <exception cref="UserError">Not a snapshot, another format version, another architecture, or truncated.</exception>
    public static (Header Header, OptimizerHelper Generator, OptimizerHelper Discriminator) Load(string path, GanNetworks networks,
        Func<(OptimizerHelper Generator, OptimizerHelper Discriminator)> afterNetworks, string expectedConfigHash)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var header = ReadHeader(reader, path);
        if (header.ConfigHash != expectedConfigHash)
            throw new UserError($"{path}: the snapshot was made with another architecture or label set than this run's config.");
        try
        {
            networks.Generator.load(reader);
            networks.Discriminator.load(reader);
            networks.Average.load(reader);
            var (g, d) = afterNetworks();
            g.load_state_dict(reader);
            d.load_state_dict(reader);
            return (header, g, d);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException)
        {
            throw new UserError($"{path}: truncated or corrupt snapshot ({e.Message})", e);
        }
    }

    /// <summary>Loads only the networks (for sampling; the optimizer states are not read).</summary>
    /// <exception cref="UserError">Not a snapshot, another architecture, or truncated.</exception>
    public static Header LoadNetworks(string path, GanNetworks networks, string expectedConfigHash)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var header = ReadHeader(reader, path);
        if (header.ConfigHash != expectedConfigHash)
            throw new UserError($"{path}: the snapshot was made with another architecture or label set than its run's config.yaml.");
        try
        {
            networks.Generator.load(reader);
            networks.Discriminator.load(reader);
            networks.Average.load(reader);
            return header;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException)
        {
            throw new UserError($"{path}: truncated or corrupt snapshot ({e.Message})", e);
        }
    }

    static Header ReadHeader(BinaryReader reader, string path)
    {
        var stream = reader.BaseStream;
        string magic;
        try { magic = reader.ReadString(); }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException) { magic = ""; }
        if (magic != Magic) throw new UserError($"{path}: not an XraySynth GAN snapshot");
        long afterMagic = stream.Position;
        stream.Seek(-Math.Min(stream.Length, EndMarker.Length), SeekOrigin.End);
        if (!reader.ReadBytes(EndMarker.Length).AsSpan().SequenceEqual(EndMarker))
            throw new UserError($"{path}: truncated or corrupt snapshot (no end marker: the write was cut short)");
        stream.Seek(afterMagic, SeekOrigin.Begin);
        try
        {
            int version = reader.ReadInt32();
            if (version != FormatVersion) throw new UserError($"{path}: snapshot format {version}, this XraySynth reads {FormatVersion}");
            return JsonSerializer.Deserialize<Header>(reader.ReadString()) ?? throw new UserError($"{path}: empty snapshot header");
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or JsonException or FormatException)
        {
            throw new UserError($"{path}: truncated or corrupt snapshot ({e.Message})", e);
        }
    }
}
