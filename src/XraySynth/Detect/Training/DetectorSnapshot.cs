using System.Text.Json;
using TorchSharp.Modules;
using XraySynth.Common;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Detect.Training;

/// <summary>
/// Detector snapshots (weights + AdamW state + counters) and best-model files (weights only), as framed files
/// (<see cref="FramedFile"/>) written atomically.
/// </summary>
public static class DetectorSnapshot
{
    const string Magic = "XSDETSNAP";
    const string ModelMagic = "XSDETMODEL";
    const int FormatVersion = 1;

    /// <summary>Writes a resumable snapshot.</summary>
    public static void Save(string path, DetectorState state, nn.Module model, OptimizerHelper optimizer) =>
        FramedFile.Write(path, Magic, FormatVersion, JsonSerializer.Serialize(state), writer =>
        {
            ModuleWeights.Save(model, writer);
            OptimizerStates.Save(optimizer, writer);
        });

    /// <summary>Loads a snapshot: weights, then <paramref name="afterModel"/> (move to device, build the optimizer), then its state.</summary>
    public static (DetectorState State, OptimizerHelper Optimizer) Load(string path, nn.Module model, Func<OptimizerHelper> afterModel)
    {
        var (reader, json) = FramedFile.Open(path, Magic, FormatVersion, "detector snapshot");
        using (reader)
            return FramedFile.ReadBody(path, "detector snapshot", () =>
            {
                var state = JsonSerializer.Deserialize<DetectorState>(json) ?? throw new UserError($"{path}: empty snapshot header");
                ModuleWeights.Load(model, reader);
                var optimizer = afterModel();
                OptimizerStates.Load(optimizer, reader);
                return (state, optimizer);
            });
    }

    /// <summary>Writes the weights of the best model so far.</summary>
    public static void SaveModel(string path, nn.Module model, int epoch, double validationMap) =>
        FramedFile.Write(path, ModelMagic, FormatVersion, JsonSerializer.Serialize(new ModelHeader(epoch, validationMap)), writer => ModuleWeights.Save(model, writer));

    /// <summary>Loads best-model weights into <paramref name="model"/>; returns the epoch and validation mAP they had.</summary>
    public static ModelHeader LoadModel(string path, nn.Module model)
    {
        var (reader, json) = FramedFile.Open(path, ModelMagic, FormatVersion, "detector model");
        using (reader)
            return FramedFile.ReadBody(path, "detector model", () =>
            {
                var header = JsonSerializer.Deserialize<ModelHeader>(json) ?? throw new UserError($"{path}: empty header");
                ModuleWeights.Load(model, reader);
                return header;
            });
    }

    /// <summary>Header of a best-model file.</summary>
    /// <param name="Epoch">Epoch (1-based) the weights come from.</param>
    /// <param name="ValidationMap">Validation mean AP@0.5 they reached.</param>
    public sealed record ModelHeader(int Epoch, double ValidationMap);
}
