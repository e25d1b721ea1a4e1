using XraySynth.Gan;
using XraySynth.Gan.Pggan;
using XraySynth.Gan.Training;

namespace XraySynth.Tests.Gan.Training;

public sealed class ProgressiveScheduleTests
{
    static readonly GanConfig Config = new()
    {
        Pggan = new PgganArchitecture { Resolution = 32 },
        StableKimg = 10, FadeKimg = 20, BatchSize = 16,
        BatchSizes = new Dictionary<string, int> { ["4"] = 64, ["32"] = 8 },
    };

    [Theory]
    [InlineData(0, 4, 1.0, 64, "stable 4")]
    [InlineData(9_999, 4, 1.0, 64, "stable 4")]
    [InlineData(10_000, 8, 0.0, 16, "fade 8")]
    [InlineData(20_000, 8, 0.5, 16, "fade 8")]
    [InlineData(30_000, 8, 1.0, 16, "stable 8")]
    [InlineData(40_000, 16, 0.0, 16, "fade 16")]
    [InlineData(75_000, 32, 0.25, 8, "fade 32")]
    [InlineData(90_000, 32, 1.0, 8, "stable 32")]
    [InlineData(5_000_000, 32, 1.0, 8, "stable 32")]
    public void Phases_follow_the_images_shown(long images, int resolution, double alpha, int batch, string name)
    {
        var phase = new ProgressiveSchedule(Config).At(images);
        Assert.Equal((resolution, batch, name), (phase.Resolution, phase.BatchSize, phase.Name));
        Assert.Equal(alpha, phase.Alpha, 10);
    }

    [Fact]
    public void The_final_resolution_is_reached_after_the_documented_kimg()
    {
        Assert.Equal(90, new ProgressiveSchedule(Config).KimgToReachTarget());
        Assert.Equal(0, new ProgressiveSchedule(new GanConfig { Kind = GanKind.Dcgan }).KimgToReachTarget());
    }

    [Fact]
    public void Moving_average_beta_halves_the_weight_of_old_values_every_half_life()
    {
        double beta = MovingAverage.Beta(32, halfLifeKimg: 10);
        Assert.Equal(0.5, Math.Pow(beta, 10_000 / 32.0), 10);
        Assert.Equal(0, MovingAverage.Beta(32, 0));
    }
}
