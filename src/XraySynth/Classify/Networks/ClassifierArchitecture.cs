using XraySynth.Configuration;

namespace XraySynth.Classify.Networks;

/// <summary>The chest X-ray classifier backbones (torchvision layer shapes, one input channel).</summary>
public enum ClassifierArchitecture
{
    /// <summary>ResNet-18: BasicBlocks (2, 2, 2, 2), 512 feature channels.</summary>
    [ConfigName("resnet18")]
    ResNet18,
    /// <summary>ResNet-50: Bottlenecks (3, 4, 6, 3), 2048 feature channels.</summary>
    [ConfigName("resnet50")]
    ResNet50,
    /// <summary>DenseNet-121 (CheXNet's backbone): growth 32, blocks (6, 12, 24, 16), 1024 feature channels.</summary>
    [ConfigName("densenet121")]
    DenseNet121,
}
