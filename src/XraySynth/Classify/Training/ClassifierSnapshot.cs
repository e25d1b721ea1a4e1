using System.Text.Json;
using TorchSharp.Modules;
using XraySynth.Common;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Classify.Training;

/// <summary>
/// Classifier snapshots (weights + AdamW state + counters) and best-model files (weights only), in framed files
/// (<see cref="FramedFile"/>) written atomically, so a cut-short write is detected. Nothing in them is executable.
/// </summary>
public static class ClassifierSnapshot
{
    const string Magic = "XSCLSSNAP";
    const string ModelMagic = "XSCLSMODEL";
    const int FormatVersion = 1;

    /// <summary>Writes a resumable snapshot.</summary>
    public static void Save(string path, ClassifierState state, nn.Module model, OptimizerHelper optimizer) =>
        FramedFile.Write(path, Magic, FormatVersion, JsonSerializer.Serialize(state), writer =>
        {
            ModuleWeights.Save(model, writer);
            OptimizerStates.Save(optimizer, writer);
        });

    /// <summary>Loads a snapshot: weights, then <paramref name="afterModel"/> (move to device, build the optimizer), then its state.</summary>
    public static (ClassifierState State, OptimizerHelper Optimizer) Load(string path, nn.Module model, Func<OptimizerHelper> afterModel)
    {
        var (reader, json) = FramedFile.Open(path, Magic, FormatVersion, "classifier snapshot");
        using (reader)
            return FramedFile.ReadBody(path, "classifier snapshot", () =>
            {
                var state = JsonSerializer.Deserialize<ClassifierState>(json) ?? throw new UserError($"{path}: empty snapshot header");
                ModuleWeights.Load(model, reader);
                var optimizer = afterModel();
                OptimizerStates.Load(optimizer, reader);
                return (state, optimizer);
            });
    }

    /// <summary>Writes the weights of the best model so far.</summary>
    public static void SaveModel(string path, nn.Module model, int epoch, double validationAuroc) =>
        FramedFile.Write(path, ModelMagic, FormatVersion, JsonSerializer.Serialize(new ModelHeader(epoch, validationAuroc)), writer => ModuleWeights.Save(model, writer));

    /// <summary>Loads best-model weights into <paramref name="model"/>; returns the epoch and validation AUROC they had.</summary>
    public static ModelHeader LoadModel(string path, nn.Module model)
    {
        var (reader, json) = FramedFile.Open(path, ModelMagic, FormatVersion, "classifier model");
        using (reader)
            return FramedFile.ReadBody(path, "classifier model", () =>
            {
                var header = JsonSerializer.Deserialize<ModelHeader>(json) ?? throw new UserError($"{path}: empty header");
                ModuleWeights.Load(model, reader);
                return header;
            });
    }

    /// <summary>Header of a best-model file.</summary>
    /// <param name="Epoch">Epoch (1-based) the weights come from.</param>
    /// <param name="ValidationAuroc">Validation mean AUROC they reached.</param>
    public sealed record ModelHeader(int Epoch, double ValidationAuroc);
}
