using XraySynth.Classify;
using XraySynth.Classify.Networks;
using XraySynth.Common;

namespace XraySynth.Cli.Commands.Classify;

/// <summary>Parses the classifier's enum-valued flags with one-line errors.</summary>
public static class ClassifierOptions
{
    /// <summary>resnet18 | resnet50 | densenet121.</summary>
    public static ClassifierArchitecture Architecture(string text) => Normalize(text) switch
    {
        "resnet18" => ClassifierArchitecture.ResNet18,
        "resnet50" => ClassifierArchitecture.ResNet50,
        "densenet121" => ClassifierArchitecture.DenseNet121,
        _ => throw new UserError($"--arch '{text}': expected resnet18, resnet50 or densenet121"),
    };

    /// <summary>bce | weighted-bce | focal.</summary>
    public static ClassifierLoss Loss(string text) => Normalize(text) switch
    {
        "bce" => ClassifierLoss.Bce,
        "weightedbce" => ClassifierLoss.WeightedBce,
        "focal" => ClassifierLoss.Focal,
        _ => throw new UserError($"--loss '{text}': expected bce, weighted-bce or focal"),
    };

    /// <summary>uniform | label-balanced.</summary>
    public static ClassifierSampling Sampling(string text) => Normalize(text) switch
    {
        "uniform" => ClassifierSampling.Uniform,
        "labelbalanced" => ClassifierSampling.LabelBalanced,
        _ => throw new UserError($"--sampling '{text}': expected uniform or label-balanced"),
    };

    /// <summary>The flag spelling of a loss: bce, weighted-bce or focal.</summary>
    public static string Name(ClassifierLoss loss) => loss switch
    {
        ClassifierLoss.WeightedBce => "weighted-bce",
        _ => loss.ToString().ToLowerInvariant(),
    };

    /// <summary>The flag spelling of a sampling: uniform or label-balanced.</summary>
    public static string Name(ClassifierSampling sampling) => sampling switch
    {
        ClassifierSampling.LabelBalanced => "label-balanced",
        _ => sampling.ToString().ToLowerInvariant(),
    };

    static string Normalize(string text) => text.Trim().ToLowerInvariant().Replace("-", "").Replace("_", "");
}
