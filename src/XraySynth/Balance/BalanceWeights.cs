using XraySynth.Common;
using XraySynth.Data;

namespace XraySynth.Balance;

/// <summary>
/// Loss and sampling weights that counter label imbalance without adding images, computed from the train split
/// (real and synthetic rows alike): inputs for the classifier's class-weighted BCE and label-balanced sampling.
/// </summary>
public static class BalanceWeights
{
    /// <summary>
    /// BCE <c>pos_weight</c> per label in vocabulary order: negatives / positives among the train images, so a label's
    /// positives weigh as much in the loss as its negatives. A label with no positive or no negative in train gets 1
    /// (no reweighting): with no positive the positive term never occurs, and with no negative the ratio 0 would erase the label's loss.
    /// </summary>
    /// <exception cref="UserError">The dataset has no train images.</exception>
    public static float[] PosWeights(Dataset dataset) => LabelFrequencyWeights.PositiveWeights(TrainRows(dataset), dataset.Vocabulary);

    /// <summary>
    /// Label-balanced sampling weight of each train row in manifest order: the mean, over the row's labels (an image
    /// without findings counting as the class "No Finding"), of 1 / (train rows carrying that label), scaled so the
    /// weights average 1. Drawing rows with these weights shows every label (and No Finding) about equally often.
    /// </summary>
    /// <exception cref="UserError">The dataset has no train images.</exception>
    public static double[] LabelBalanced(Dataset dataset) => LabelFrequencyWeights.Balanced(TrainRows(dataset));

    static List<ImageRecord> TrainRows(Dataset dataset)
    {
        var train = dataset.InSplit(Split.Train).ToList();
        if (train.Count == 0) throw new UserError($"{dataset.Root}: no train images to compute balancing weights from");
        return train;
    }
}
