using XraySynth.Common;
using XraySynth.Data;

namespace XraySynth.Gan.Training;

/// <summary>
/// Which training rows the GAN draws from and with what weight (the config's label focus): every train image
/// uniformly, only images with chosen labels, or weights that make each label (and No Finding) equally frequent.
/// </summary>
public sealed class TrainingRows
{
    readonly double[] cumulative;

    /// <summary>Row indices into the prepared cache (manifest order).</summary>
    public IReadOnlyList<int> Rows { get; }

    /// <summary>Sampling weight of each row in <see cref="Rows"/>, summing to 1.</summary>
    public IReadOnlyList<double> Weights { get; }

    TrainingRows(int[] rows, double[] weights)
    {
        Rows = rows;
        double total = weights.Sum();
        Weights = weights.Select(w => w / total).ToArray();
        cumulative = new double[weights.Length];
        double running = 0;
        for (int i = 0; i < weights.Length; i++) cumulative[i] = running += weights[i] / total;
        cumulative[^1] = 1;
    }

    /// <summary>Selects the real training rows of <paramref name="dataset"/> for <paramref name="config"/>'s focus.</summary>
    /// <exception cref="UserError">A focus label is unknown, or no training image is left.</exception>
    public static TrainingRows Select(Dataset dataset, GanConfig config)
    {
        var vocabulary = dataset.Vocabulary;
        foreach (string label in config.Labels)
            if (!vocabulary.Contains(label))
                throw new UserError($"--labels: '{label}' is not a label of {dataset.Info.Name}{NameSuggester.Hint(label, vocabulary.Names)} (labels: {vocabulary})");

        var train = Enumerable.Range(0, dataset.Images.Count)
            .Where(i => dataset.Images[i].Split == Split.Train && dataset.Images[i].Source == ImageSource.Real).ToList();
        if (config.Focus == LabelFocus.Subset)
            train = train.Where(i => config.Labels.Any(dataset.Images[i].Has)).ToList();
        if (train.Count == 0)
            throw new UserError($"no training images to train the GAN on in {dataset.Root}" +
                                (config.Focus == LabelFocus.Subset ? $" with labels {string.Join(", ", config.Labels)}" : ""));

        double[] weights = config.Focus == LabelFocus.Balanced
            ? LabelFrequencyWeights.Balanced(train.Select(i => dataset.Images[i]).ToList())
            : train.Select(_ => 1.0).ToArray();
        return new TrainingRows(train.ToArray(), weights);
    }

    /// <summary>Draws <paramref name="count"/> row indices with replacement according to the weights.</summary>
    public int[] Draw(Random random, int count)
    {
        var result = new int[count];
        for (int k = 0; k < count; k++)
        {
            int i = Array.BinarySearch(cumulative, random.NextDouble());
            if (i < 0) i = ~i;
            result[k] = Rows[Math.Min(i, Rows.Count - 1)];
        }
        return result;
    }
}
