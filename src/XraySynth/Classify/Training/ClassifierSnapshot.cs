using System.Text;
using System.Text.Json;
using TorchSharp.Modules;
using XraySynth.Common;
using static TorchSharp.torch;

namespace XraySynth.Classify.Training;

/// <summary>
/// Classifier snapshots (weights + AdamW state + counters) and best-model files (weights only), written atomically
/// with an end marker so a cut-short write is detected. Nothing in them is executable.
/// </summary>
public static class ClassifierSnapshot
{
    const string Magic = "XSCLSSNAP";
    const string ModelMagic = "XSCLSMODEL";
    const int FormatVersion = 1;
    static readonly byte[] EndMarker = "XSCLSEND"u8.ToArray();

    /// <summary>Writes a resumable snapshot.</summary>
    public static void Save(string path, ClassifierState state, nn.Module model, OptimizerHelper optimizer) =>
        AtomicFile.WriteBinary(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(JsonSerializer.Serialize(state));
            model.save(writer);
            optimizer.save_state_dict(writer);
            writer.Write(EndMarker);
        });

    /// <summary>Loads a snapshot: weights, then <paramref name="afterModel"/> (move to device, build the optimizer), then its state.</summary>
    public static (ClassifierState State, OptimizerHelper Optimizer) Load(string path, nn.Module model, Func<OptimizerHelper> afterModel)
    {
        using var reader = Open(path, Magic);
        try
        {
            var state = JsonSerializer.Deserialize<ClassifierState>(reader.ReadString()) ?? throw new UserError($"{path}: empty snapshot header");
            model.load(reader);
            var optimizer = afterModel();
            optimizer.load_state_dict(reader);
            return (state, optimizer);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException or JsonException)
        {
            throw new UserError($"{path}: truncated or corrupt snapshot ({e.Message})", e);
        }
    }

    /// <summary>Writes the weights of the best model so far.</summary>
    public static void SaveModel(string path, nn.Module model, int epoch, double validationAuroc) =>
        AtomicFile.WriteBinary(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(ModelMagic);
            writer.Write(FormatVersion);
            writer.Write(JsonSerializer.Serialize(new ModelHeader(epoch, validationAuroc)));
            model.save(writer);
            writer.Write(EndMarker);
        });

    /// <summary>Loads best-model weights into <paramref name="model"/>; returns the epoch and validation AUROC they had.</summary>
    public static ModelHeader LoadModel(string path, nn.Module model)
    {
        using var reader = Open(path, ModelMagic);
        try
        {
            var header = JsonSerializer.Deserialize<ModelHeader>(reader.ReadString()) ?? throw new UserError($"{path}: empty header");
            model.load(reader);
            return header;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException or JsonException)
        {
            throw new UserError($"{path}: truncated or corrupt model file ({e.Message})", e);
        }
    }

    /// <summary>Header of a best-model file.</summary>
    /// <param name="Epoch">Epoch (1-based) the weights come from.</param>
    /// <param name="ValidationAuroc">Validation mean AUROC they reached.</param>
    public sealed record ModelHeader(int Epoch, double ValidationAuroc);

    static BinaryReader Open(string path, string magic)
    {
        if (!File.Exists(path)) throw new UserError($"{path} does not exist");
        var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        var stream = reader.BaseStream;
        string found;
        try { found = reader.ReadString(); }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException) { found = ""; }
        if (found != magic)
        {
            reader.Dispose();
            throw new UserError($"{path}: not an XraySynth classifier {(magic == Magic ? "snapshot" : "model")}");
        }
        long position = stream.Position;
        stream.Seek(-Math.Min(stream.Length, EndMarker.Length), SeekOrigin.End);
        bool complete = reader.ReadBytes(EndMarker.Length).AsSpan().SequenceEqual(EndMarker);
        stream.Seek(position, SeekOrigin.Begin);
        int version = complete ? reader.ReadInt32() : -1;
        if (!complete || version != FormatVersion)
        {
            reader.Dispose();
            throw new UserError(complete ? $"{path}: format {version}, this XraySynth reads {FormatVersion}" : $"{path}: truncated (the write was cut short)");
        }
        return reader;
    }
}
