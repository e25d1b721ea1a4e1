using XraySynth.Gan.Training;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Gan.Training;

[Collection(XraySynth.Tests.TestSupport.GlobalRandomCollection.Name)]
public sealed class MovingAverageTests
{
    [Fact]
    public void The_average_moves_towards_the_model_by_one_minus_beta_in_place_and_copies_buffers()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        random.manual_seed(5);
        var model = nn.Sequential(nn.Conv2d(2, 3, 3), nn.BatchNorm2d(3));
        var average = nn.Sequential(nn.Conv2d(2, 3, 3), nn.BatchNorm2d(3));
        using (var x = randn(4, 2, 5, 5)) model.forward(x);           // running statistics move off their start values
        var before = average.parameters().Select(p => p.clone()).ToList();
        var identities = average.parameters().ToList();
        const double beta = 0.9;

        MovingAverage.Update(model, average, beta);

        var after = average.parameters().ToList();
        var target = model.parameters().ToList();
        for (int i = 0; i < after.Count; i++)
        {
            Assert.Same(identities[i], after[i]);
            float[] p = target[i].data<float>().ToArray(), a0 = before[i].data<float>().ToArray(), a1 = after[i].data<float>().ToArray();
            for (int k = 0; k < p.Length; k++) Assert.Equal(p[k] + beta * (a0[k] - p[k]), a1[k], 1e-6);
        }
        foreach (var ((name, b), (_, a)) in model.named_buffers().Zip(average.named_buffers()))
            Assert.True(a.eq(b).all().item<bool>(), $"buffer '{name}' was not copied");

        MovingAverage.Update(model, average, beta: 0);                 // β = 0: the average becomes the model
        foreach (var (p, a) in model.parameters().Zip(average.parameters())) Assert.True(p.eq(a).all().item<bool>());
    }
}
