using System.ComponentModel;
using XraySynth.Configuration;

namespace XraySynth.Gan.Dcgan;

/// <summary>The shape of a conditional DCGAN pair (Radford et al. 2016; projection discriminator, Miyato &amp; Koyama 2018).</summary>
public sealed record DcganArchitecture : IValidatedConfig
{
    [Description("Output resolution in pixels: 32, 64 or 128.")]
    [ConfigRange(32, 128)]
    public int Resolution { get; init; } = 64;

    [Description("Latent vector size (paper: 100).")]
    [ConfigRange(1, 1024)]
    public int LatentSize { get; init; } = 100;

    [Description("Generator feature maps at the last layer before the image (paper: 64).")]
    [ConfigRange(4, 512)]
    public int GeneratorFeatures { get; init; } = 32;

    [Description("Discriminator feature maps at its first layer (paper: 64).")]
    [ConfigRange(4, 512)]
    public int DiscriminatorFeatures { get; init; } = 32;

    [Description("Width of the label embedding fed to the generator with the latent.")]
    [ConfigRange(1, 1024)]
    public int LabelEmbedding { get; init; } = 32;

    /// <summary>Number of 2× upsampling steps from 4×4 to the resolution.</summary>
    public int Levels => (int)Math.Round(Math.Log2(Resolution)) - 2;

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Resolution is not (32 or 64 or 128)) yield return ("resolution", $"{Resolution}: DCGAN supports 32, 64 and 128");
    }
}
