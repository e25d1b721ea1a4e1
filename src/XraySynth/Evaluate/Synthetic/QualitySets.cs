using XraySynth.Common;
using XraySynth.Data;

namespace XraySynth.Evaluate.Synthetic;

/// <summary>
/// Which manifest rows each quality comparison uses: real training images (the reference), held-out real images
/// (val + test: the floor), every image of the synthetic folder, and the labels the synthetic images carry.
/// </summary>
/// <param name="Train">Real dataset rows: split train, source real.</param>
/// <param name="HeldOut">Real dataset rows: split val or test, source real.</param>
/// <param name="Synthetic">Synthetic dataset rows: all.</param>
/// <param name="Labels">Labels that some synthetic image carries, in the synthetic vocabulary's order.</param>
public sealed record QualitySets(int[] Train, int[] HeldOut, int[] Synthetic, IReadOnlyList<string> Labels)
{
    /// <summary>The rows for a real and a synthetic dataset.</summary>
    /// <exception cref="UserError">No real training or held-out images, no synthetic images, or a synthetic label the real dataset lacks.</exception>
    public static QualitySets Of(Dataset real, Dataset synthetic)
    {
        int[] Rows(Func<ImageRecord, bool> keep) => Enumerable.Range(0, real.Images.Count).Where(i => keep(real.Images[i])).ToArray();
        var train = Rows(i => i.Split == Split.Train && i.Source == ImageSource.Real);
        var heldOut = Rows(i => i.Split != Split.Train && i.Source == ImageSource.Real);
        if (train.Length < 2) throw new UserError($"{real.Root}: {train.Length} real training images; the reference set needs at least 2");
        if (heldOut.Length < 2) throw new UserError($"{real.Root}: {heldOut.Length} real val/test images; the real-vs-real floor needs at least 2 (split it with 'xraysynth data split')");
        if (synthetic.Images.Count == 0) throw new UserError($"{synthetic.Root}: no images in manifest.csv");
        var unknown = synthetic.Vocabulary.Names.Where(l => !real.Vocabulary.Names.Contains(l) && synthetic.Images.Any(i => i.Has(l))).ToList();
        if (unknown.Count > 0)
            throw new UserError($"{synthetic.Root} has images labelled {string.Join(", ", unknown)}, which {real.Root} does not know (its labels: {real.Vocabulary})");
        var labels = synthetic.Vocabulary.Names.Where(l => synthetic.Images.Any(i => i.Has(l))).ToList();
        return new QualitySets(train, heldOut, Enumerable.Range(0, synthetic.Images.Count).ToArray(), labels);
    }

    /// <summary>Positions within <paramref name="rows"/> (not manifest rows) of the images of <paramref name="dataset"/> that carry <paramref name="label"/>.</summary>
    public static int[] WithLabel(Dataset dataset, int[] rows, string label) =>
        Enumerable.Range(0, rows.Length).Where(i => dataset.Images[rows[i]].Has(label)).ToArray();
}
