using XraySynth.Classify.Training;

namespace XraySynth.Tests.Classify.Training;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Warm_up_is_linear_then_cosine_decays_to_the_floor()
    {
        var s = new LearningRateSchedule(0.1, WarmupSteps: 10, TotalSteps: 110, FinalFraction: 0.01);
        Assert.Equal(0.01, s.At(0), 12);
        Assert.Equal(0.1, s.At(9), 12);
        Assert.Equal(0.1, s.At(10), 12);
        Assert.Equal(0.1 * (0.01 + 0.99 * 0.5), s.At(60), 12);
        Assert.Equal(0.001, s.At(110), 12);
        Assert.Equal(0.001, s.At(500), 12);
    }
}
