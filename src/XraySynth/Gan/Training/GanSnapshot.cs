using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using XraySynth.Common;
using XraySynth.Torch;

namespace XraySynth.Gan.Training;

/// <summary>
/// A training snapshot: counters, the three networks (generator, discriminator, moving average) and both Adam
/// states, in one framed file (<see cref="FramedFile"/>) written atomically, so a crash mid-write leaves the previous
/// snapshot intact and a cut-short file is detected. Nothing in it is executable.
/// </summary>
public static class GanSnapshot
{
    const string Magic = "XSGANSNAP";
    const string Kind = "GAN snapshot";
    const int FormatVersion = 1;

    /// <summary>What a snapshot's header says.</summary>
    /// <param name="State">Counters.</param>
    /// <param name="Kind">Generator family.</param>
    /// <param name="Labels">Label vocabulary (condition order).</param>
    /// <param name="ConfigHash">SHA-256 of the run's architecture (refuses to load into another one).</param>
    public sealed record Header(TrainingState State, GanKind Kind, IReadOnlyList<string> Labels, string ConfigHash);

    /// <summary>Writes a snapshot to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, Header header, GanNetworks networks, OptimizerHelper generatorOptimizer, OptimizerHelper discriminatorOptimizer) =>
        FramedFile.Write(path, Magic, FormatVersion, JsonSerializer.Serialize(header), writer =>
        {
            ModuleWeights.Save(networks.Generator, writer);
            ModuleWeights.Save(networks.Discriminator, writer);
            ModuleWeights.Save(networks.Average, writer);
            OptimizerStates.Save(generatorOptimizer, writer);
            OptimizerStates.Save(discriminatorOptimizer, writer);
        });

    /// <summary>Reads only the header (cheap; used to list and check snapshots).</summary>
    public static Header ReadHeader(string path)
    {
        var (reader, json) = FramedFile.Open(path, Magic, FormatVersion, Kind);
        using (reader) return ParseHeader(json, path);
    }

    /// <summary>
    /// Loads a snapshot: the networks first (built for the same architecture; values are copied into their tensors in
    /// place, on whatever device they are), then <paramref name="afterNetworks"/> (a resume moves them to the device and
    /// builds the optimizers there; a rollback returns the optimizers already built on them), then the optimizer states.
    /// </summary>
    /// <exception cref="UserError">Not a snapshot, another format version, another architecture, or truncated.</exception>
    public static (Header Header, OptimizerHelper Generator, OptimizerHelper Discriminator) Load(string path, GanNetworks networks,
        Func<(OptimizerHelper Generator, OptimizerHelper Discriminator)> afterNetworks, string expectedConfigHash)
    {
        var (reader, json) = FramedFile.Open(path, Magic, FormatVersion, Kind);
        using (reader)
        {
            var header = Checked(ParseHeader(json, path), expectedConfigHash, path);
            return FramedFile.ReadBody(path, Kind, () =>
            {
                LoadNetworks(reader, networks);
                var (g, d) = afterNetworks();
                OptimizerStates.Load(g, reader);
                OptimizerStates.Load(d, reader);
                return (header, g, d);
            });
        }
    }

    /// <summary>Loads only the networks (for sampling; the optimizer states are not read).</summary>
    /// <exception cref="UserError">Not a snapshot, another architecture, or truncated.</exception>
    public static Header LoadNetworks(string path, GanNetworks networks, string expectedConfigHash)
    {
        var (reader, json) = FramedFile.Open(path, Magic, FormatVersion, Kind);
        using (reader)
        {
            var header = Checked(ParseHeader(json, path), expectedConfigHash, path);
            return FramedFile.ReadBody(path, Kind, () => { LoadNetworks(reader, networks); return header; });
        }
    }

    static void LoadNetworks(BinaryReader reader, GanNetworks networks)
    {
        ModuleWeights.Load(networks.Generator, reader);
        ModuleWeights.Load(networks.Discriminator, reader);
        ModuleWeights.Load(networks.Average, reader);
    }

    static Header Checked(Header header, string expectedConfigHash, string path) => header.ConfigHash == expectedConfigHash
        ? header
        : throw new UserError($"{path}: the snapshot was made with another architecture or label set than this run's config.");

    static Header ParseHeader(string json, string path)
    {
        try { return JsonSerializer.Deserialize<Header>(json) ?? throw new UserError($"{path}: empty snapshot header"); }
        catch (JsonException e) { throw new UserError($"{path}: truncated or corrupt {Kind} ({e.Message})", e); }
    }
}
