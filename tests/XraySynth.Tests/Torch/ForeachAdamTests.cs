using XraySynth.Tests.TestSupport;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Tests.Torch;

[Collection(GlobalRandomCollection.Name)]
public sealed class ForeachAdamTests
{
    [Theory]
    [InlineData(0.0, 0.99)]
    [InlineData(0.5, 0.999)]
    public void Parameters_after_a_few_steps_equal_torchsharps_adam_bit_for_bit(double beta1, double beta2)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var (reference, candidate) = (Model(), Model());
        using var adam = optim.Adam(reference.parameters(), 0.01, beta1, beta2);
        using var multiTensor = new ForeachAdam(candidate.parameters(), 0.01, beta1, beta2);

        for (int step = 0; step < 4; step++)
        {
            if (step == 2)   // a learning-rate change through the param groups, as GanStep does
                foreach (var optimizer in new optim.Optimizer[] { adam, multiTensor })
                    foreach (var group in optimizer.ParamGroups) group.LearningRate = 0.003;
            var x = randn(3, 2, 5, 5);
            foreach (var (model, optimizer) in new[] { (reference, (optim.Optimizer)adam), (candidate, multiTensor) })
            {
                optimizer.zero_grad();
                Forward(model, x).square().mean().backward();
                optimizer.step();
            }
        }

        foreach (var ((name, expected), (_, actual)) in reference.named_parameters().Zip(candidate.named_parameters()))
            Assert.True(expected.eq(actual).all().item<bool>(), $"{name} differs");
        // The unused layer has no gradient: both skip it, so it keeps its initial value.
        Tensor Unused(nn.Module<Tensor, Tensor> m) => m.named_parameters().Single(p => p.name == "unused.weight").parameter;
        Assert.True(Unused(candidate).eq(Unused(Model())).all().item<bool>());
    }

    [Theory]
    [InlineData(1e-4)]
    [InlineData(0.05)]
    public void With_a_weight_decay_parameters_equal_torchsharps_adamw_bit_for_bit(double weightDecay)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var (reference, candidate) = (Model(), Model());
        using var adamW = optim.AdamW(reference.parameters(), 0.01, 0.9, 0.999, 1e-8, weightDecay);
        using var multiTensor = new ForeachAdam(candidate.parameters(), 0.01, 0.9, 0.999, 1e-8, weightDecay);

        for (int step = 0; step < 4; step++)
        {
            if (step == 2)   // the decay follows a learning-rate change, as a schedule makes
                foreach (var optimizer in new optim.Optimizer[] { adamW, multiTensor })
                    foreach (var group in optimizer.ParamGroups) group.LearningRate = 0.003;
            var x = randn(3, 2, 5, 5);
            foreach (var (model, optimizer) in new[] { (reference, (optim.Optimizer)adamW), (candidate, multiTensor) })
            {
                optimizer.zero_grad();
                Forward(model, x).square().mean().backward();
                optimizer.step();
            }
        }

        foreach (var ((name, expected), (_, actual)) in reference.named_parameters().Zip(candidate.named_parameters()))
            Assert.True(expected.eq(actual).all().item<bool>(), $"{name} differs");
    }

    [Fact]
    public void Zero_grad_zeroes_existing_gradients_and_leaves_missing_ones_missing()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var model = Model();
        using var optimizer = new ForeachAdam(model.parameters());
        Forward(model, randn(2, 2, 5, 5)).sum().backward();
        optimizer.zero_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (name.StartsWith("unused", StringComparison.Ordinal)) Assert.Null(parameter.grad);
            else Assert.Equal(0, parameter.grad!.abs().sum().item<float>());
        }
    }

    // The same initial weights every call: conv → linear, plus a layer the forward never uses.
    static nn.Module<Tensor, Tensor> Model()
    {
        random.manual_seed(7);
        return nn.Sequential(("conv", nn.Conv2d(2, 3, 3)), ("flatten", nn.Flatten()), ("head", nn.Linear(27, 2)), ("unused", nn.Linear(2, 2)));
    }

    static Tensor Forward(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        var children = ((TorchSharp.Modules.Sequential)model).children().Cast<nn.Module<Tensor, Tensor>>().Take(3);
        return children.Aggregate(x, (h, layer) => layer.forward(h));
    }
}
