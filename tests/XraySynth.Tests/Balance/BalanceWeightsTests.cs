using XraySynth.Balance;
using XraySynth.Common;
using XraySynth.Data;
using static XraySynth.Tests.Balance.BalanceFixture;

namespace XraySynth.Tests.Balance;

public sealed class BalanceWeightsTests
{
    /// <summary>Train: [Effusion, Hernia], [Effusion], [], [] (+ val and test rows, which must not count).</summary>
    static Dataset Data() => new(Path.Combine(Path.GetTempPath(), "xraysynth-weights"), new DatasetInfo { Name = "w", Labels = Labels },
    [
        Row("a", Split.Train, "Effusion|Hernia"), Row("b", Split.Train, "Effusion"), Row("c", Split.Train, ""), Row("d", Split.Train, ""),
        Row("v", Split.Val, "Mass"), Row("t", Split.Test, "Nodule|Mass"),
    ], []);

    [Fact]
    public void Pos_weights_are_train_negatives_over_positives_and_one_for_a_label_without_positives()
    {
        // Effusion 2 of 4 → 2/2 = 1; Hernia 1 of 4 → 3/1 = 3; Mass and Nodule have no train positive → 1.
        Assert.Equal([1f, 3f, 1f, 1f], BalanceWeights.PosWeights(Data()));
    }

    [Fact]
    public void A_label_on_every_train_image_gets_pos_weight_one_not_zero()
    {
        var data = Data().With(images: [Row("a", Split.Train, "Effusion"), Row("b", Split.Train, "Effusion|Mass")]);
        Assert.Equal([1f, 1f, 1f, 1f], BalanceWeights.PosWeights(data));
    }

    [Fact]
    public void Label_balanced_weights_average_inverse_label_counts_per_row_and_have_mean_one()
    {
        // Counts: Effusion 2, Hernia 1, No Finding 2. Raw: a = (1/2 + 1)/2 = 0.75, b = 0.5, c = d = 0.5; mean 0.5625.
        double[] raw = [0.75, 0.5, 0.5, 0.5];
        double mean = raw.Average();
        var weights = BalanceWeights.LabelBalanced(Data());
        Assert.Equal(4, weights.Length);
        for (int i = 0; i < raw.Length; i++) Assert.Equal(raw[i] / mean, weights[i], 12);
        Assert.Equal(1.0, weights.Average(), 12);
    }

    [Fact]
    public void Weights_of_a_dataset_without_train_images_are_a_user_error()
    {
        var data = Data().With(images: [Row("v", Split.Val, "Mass")]);
        Assert.Throws<UserError>(() => BalanceWeights.PosWeights(data));
        Assert.Throws<UserError>(() => BalanceWeights.LabelBalanced(data));
    }
}
