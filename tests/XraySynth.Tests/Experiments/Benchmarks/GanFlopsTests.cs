using XraySynth.Experiments.Benchmarks;
using XraySynth.Gan.Dcgan;
using XraySynth.Gan.Pggan;

namespace XraySynth.Tests.Experiments.Benchmarks;

public sealed class GanFlopsTests
{
    [Fact]
    public void Pggan_count_matches_a_hand_count_of_a_tiny_architecture()
    {
        // Channels: 4×4 → min(2·32/4, 16) = 16, 8×8 → min(2·32/8, 16) = 8. Latent 8, embedding 4, 3 labels.
        var tiny = new PgganArchitecture { Resolution = 8, LatentSize = 8, FmapBase = 32, FmapMax = 16, LabelEmbedding = 4 };
        long generator =
            2 * 3 * 4                       // label embedding 3 → 4
            + 2 * (8 + 4) * (16 * 16)       // dense [z ‖ e] → 16 × 4 × 4
            + 2 * 9 * 16 * 16 * 16          // conv4 3×3 16 → 16 at 4×4
            + 2 * 9 * 16 * 8 * 64           // 8×8 block conv0 16 → 8
            + 2 * 9 * 8 * 8 * 64            // 8×8 block conv1 8 → 8
            + 2 * 1 * 8 * 1 * 64;           // toGray 1×1 8 → 1
        long discriminator =
            2 * 1 * 1 * 8 * 64              // fromGray 1×1 1 → 8 at 8×8
            + 2 * 9 * 8 * 8 * 64            // 8×8 block conv0 8 → 8
            + 2 * 9 * 8 * 16 * 64           // 8×8 block conv1 8 → 16 (then pooled to 4×4)
            + 2 * 9 * 17 * 16 * 16          // conv4 3×3 (16 + stddev) → 16 at 4×4
            + 2 * 256 * 16                  // dense 16·4·4 → 16
            + 2 * 16 * 1                    // output 16 → 1
            + 2 * 3 * 16;                   // label projection 3 → 16
        Assert.Equal(302_104, generator);
        Assert.Equal(308_864, discriminator);

        var count = GanFlops.Pggan(tiny, labels: 3);

        Assert.Equal(generator, count.GeneratorForward);
        Assert.Equal(discriminator, count.DiscriminatorForward);
        Assert.Equal(4 * generator + 15 * discriminator, count.PerImage);
    }

    [Fact]
    public void Dcgan_count_matches_a_hand_count_with_transposed_convs_counted_per_input_pixel()
    {
        // 32 px: 3 levels; G 16 → 8 → 4 feature maps at 4, 8, 16 px; D 4 → 8 → 16 at 16, 8, 4 px.
        var tiny = new DcganArchitecture { Resolution = 32, LatentSize = 8, GeneratorFeatures = 4, DiscriminatorFeatures = 4, LabelEmbedding = 2 };
        long generator =
            2 * 3 * 2                       // label embedding 3 → 2
            + 2 * 16 * 10 * 16 * 1          // project: 4×4 transposed conv, 10 → 16, one input pixel
            + 2 * 16 * 16 * 8 * 16          // up1 16 → 8, input 4×4
            + 2 * 16 * 8 * 4 * 64           // up2 8 → 4, input 8×8
            + 2 * 16 * 4 * 1 * 256;         // to_image 4 → 1, input 16×16
        long discriminator =
            2 * 16 * 1 * 4 * 256            // from_image 1 → 4, output 16×16
            + 2 * 16 * 4 * 8 * 64           // down1 4 → 8, output 8×8
            + 2 * 16 * 8 * 16 * 16          // down2 8 → 16, output 4×4
            + 2 * 16 * 1                    // output 16 → 1
            + 2 * 3 * 16;                   // label projection 3 → 16

        var count = GanFlops.Dcgan(tiny, labels: 3);

        Assert.Equal(generator, count.GeneratorForward);
        Assert.Equal(discriminator, count.DiscriminatorForward);
        Assert.Equal(4 * generator + 9 * discriminator, count.PerImage);
    }

    [Fact]
    public void Default_pggan_at_256_costs_about_a_quarter_teraflop_per_image()
    {
        var count = GanFlops.Pggan(new PgganArchitecture { Resolution = 256 }, labels: 14);
        Assert.InRange(count.GeneratorForward, 13.5e9, 14.5e9);
        Assert.InRange(count.PerImage, 2.5e11, 2.8e11);
    }

    [Theory]
    [InlineData("NVIDIA H100 80GB HBM3", 989.4)]
    [InlineData("NVIDIA H100 PCIe", 756.0)]
    [InlineData("NVIDIA H200", 989.4)]
    public void Gpu_peaks_are_found_by_device_name(string name, double bf16)
    {
        Assert.Equal(bf16, GpuPeaks.Find(name)!.For(ComputePrecision.Bf16));
    }

    [Fact]
    public void An_unknown_device_has_no_peak()
    {
        Assert.Null(GpuPeaks.Find("cpu"));
        Assert.Null(GpuPeaks.Find("Some Future GPU"));
    }
}
