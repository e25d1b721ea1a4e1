using XraySynth.Classify.Losses;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Classify.Losses;

public sealed class ClassifierLossTests
{
    static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void Weighted_bce_matches_the_hand_computed_value_and_masks_unknown_labels()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 2, -1, 0.5f, 3 }).reshape(2, 2);
        var targets = tensor(new float[] { 1, 0, float.NaN, 1 }).reshape(2, 2);
        var posWeight = tensor(new float[] { 3, 5 });
        // Known entries: (0,0) y=1 w=3, (0,1) y=0, (1,1) y=1 w=5; the NaN entry is ignored.
        double expected = (-3 * Math.Log(Sigmoid(2)) - Math.Log(1 - Sigmoid(-1)) - 5 * Math.Log(Sigmoid(3))) / 3;
        Assert.Equal(expected, WeightedBce.Loss(logits, targets, posWeight).item<float>(), 5);
        double plain = (-Math.Log(Sigmoid(2)) - Math.Log(1 - Sigmoid(-1)) - Math.Log(Sigmoid(3))) / 3;
        Assert.Equal(plain, WeightedBce.Loss(logits, targets).item<float>(), 5);
    }

    [Fact]
    public void Focal_loss_matches_the_formula_and_reduces_to_weighted_bce_at_gamma_zero()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 1.5f, -0.5f, -2, 0.25f });
        var targets = tensor(new float[] { 1, 1, 0, 0 });
        double alpha = 0.25, gamma = 2, sum = 0;
        float[] x = [1.5f, -0.5f, -2, 0.25f];
        float[] y = [1, 1, 0, 0];
        for (int i = 0; i < 4; i++)
        {
            double p = Sigmoid(x[i]);
            double pt = y[i] == 1 ? p : 1 - p;
            double at = y[i] == 1 ? alpha : 1 - alpha;
            sum += -at * Math.Pow(1 - pt, gamma) * Math.Log(pt);
        }
        Assert.Equal(sum / 4, FocalLoss.Loss(logits.reshape(1, 4), targets.reshape(1, 4), alpha, gamma).item<float>(), 5);
        // gamma 0 and alpha 0.5: half the plain BCE.
        Assert.Equal(0.5 * WeightedBce.Loss(logits.reshape(1, 4), targets.reshape(1, 4)).item<float>(),
            FocalLoss.Loss(logits.reshape(1, 4), targets.reshape(1, 4), 0.5, 0).item<float>(), 5);
    }
}
