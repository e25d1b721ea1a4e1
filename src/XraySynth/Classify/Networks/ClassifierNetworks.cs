namespace XraySynth.Classify.Networks;

/// <summary>Builds a classifier backbone by architecture.</summary>
public static class ClassifierNetworks
{
    /// <summary>A freshly initialised network with one input channel and <paramref name="numLabels"/> logits.</summary>
    public static ClassifierNetwork Create(ClassifierArchitecture arch, int numLabels) => arch switch
    {
        ClassifierArchitecture.ResNet18 => ResNet.ResNet18(numLabels),
        ClassifierArchitecture.ResNet50 => ResNet.ResNet50(numLabels),
        ClassifierArchitecture.DenseNet121 => new DenseNet121(numLabels),
        _ => throw new ArgumentOutOfRangeException(nameof(arch), arch, "unknown classifier architecture"),
    };
}
