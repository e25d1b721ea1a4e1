using TorchSharp;
using XraySynth.Gan.Dcgan;
using XraySynth.Gan.Pggan;
using static TorchSharp.torch;

namespace XraySynth.Gan.Training;

/// <summary>
/// A generator, its discriminator and the generator's moving average, behind one interface for both GAN
/// families, so the training loop, snapshots and sampling are written once.
/// </summary>
public sealed class GanNetworks : IDisposable
{
    /// <summary>The generator being trained.</summary>
    public nn.Module Generator { get; }
    /// <summary>The discriminator (critic).</summary>
    public nn.Module Discriminator { get; }
    /// <summary>Exponential moving average of the generator's weights, used for sampling.</summary>
    public nn.Module Average { get; }
    /// <summary>Which family.</summary>
    public GanKind Kind { get; }
    /// <summary>Latent size.</summary>
    public int LatentSize { get; }
    /// <summary>Final resolution.</summary>
    public int Resolution { get; }
    /// <summary>Number of labels conditioned on.</summary>
    public int LabelCount { get; }

    GanNetworks(GanKind kind, nn.Module g, nn.Module d, nn.Module average, int latent, int resolution, int labels)
    {
        Kind = kind; Generator = g; Discriminator = d; Average = average; LatentSize = latent; Resolution = resolution; LabelCount = labels;
    }

    /// <summary>Builds fresh networks (initialised from torch's global generator, so seed it first).</summary>
    public static GanNetworks Create(GanConfig config, int labelCount)
    {
        if (config.Kind == GanKind.Pggan)
        {
            var g = new PgganGenerator(config.Pggan, labelCount);
            var average = new PgganGenerator(config.Pggan, labelCount);
            CopyInto(g, average);
            return new GanNetworks(GanKind.Pggan, g, new PgganDiscriminator(config.Pggan, labelCount), average,
                config.Pggan.LatentSize, config.Pggan.Resolution, labelCount);
        }
        var dg = new DcganGenerator(config.Dcgan, labelCount);
        var dAverage = new DcganGenerator(config.Dcgan, labelCount);
        CopyInto(dg, dAverage);
        return new GanNetworks(GanKind.Dcgan, dg, new DcganDiscriminator(config.Dcgan, labelCount), dAverage,
            config.Dcgan.LatentSize, config.Dcgan.Resolution, labelCount);
    }

    /// <summary>Images from <paramref name="generator"/> (the trained one or the average) at a phase.</summary>
    public Tensor Generate(nn.Module generator, Tensor latent, Tensor condition, int resolution, double alpha) => generator switch
    {
        PgganGenerator p => p.Generate(latent, condition, resolution, alpha),
        DcganGenerator d => d.Generate(latent, condition),
        _ => throw new InvalidOperationException($"unknown generator {generator.GetType().Name}"),
    };

    /// <summary>Discriminator scores [N] at a phase.</summary>
    public Tensor Score(Tensor images, Tensor condition, int resolution, double alpha) => Discriminator switch
    {
        PgganDiscriminator p => p.Score(images, condition, resolution, alpha),
        DcganDiscriminator d => d.Score(images, condition),
        _ => throw new InvalidOperationException($"unknown discriminator {Discriminator.GetType().Name}"),
    };

    /// <summary>Moves all three networks to <paramref name="device"/>.</summary>
    public void To(Device device)
    {
        Generator.to(device);
        Discriminator.to(device);
        Average.to(device);
    }

    /// <summary>Copies parameters and buffers of <paramref name="source"/> into <paramref name="target"/> (same architecture).</summary>
    public static void CopyInto(nn.Module source, nn.Module target)
    {
        using var noGrad = no_grad();
        foreach (var ((_, s), (_, t)) in source.named_parameters().Zip(target.named_parameters())) t.copy_(s);
        foreach (var ((_, s), (_, t)) in source.named_buffers().Zip(target.named_buffers())) t.copy_(s);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Generator.Dispose();
        Discriminator.Dispose();
        Average.Dispose();
    }
}
