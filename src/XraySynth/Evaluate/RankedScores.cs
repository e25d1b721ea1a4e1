namespace XraySynth.Evaluate;

/// <summary>
/// One label's known cases sorted once by score, so that AUROC and average precision of a bootstrap replicate
/// (images with multiplicities) take O(N) instead of a sort per replicate. A case drawn k times counts k times,
/// exactly as in the gathered replicate: the results equal <see cref="Auroc"/> and <see cref="Auprc"/> on it.
/// </summary>
sealed class RankedScores
{
    readonly int[] _images;     // known images, ascending score
    readonly bool[] _positive;  // label of _images[k]
    readonly int[] _groupStart; // start of each run of equal scores in _images, plus _images.Length at the end

    /// <summary>Sorts the images whose label (1, 0 or NaN = unknown) is known.</summary>
    public RankedScores(double[] scores, double[] labels)
    {
        int[] known = LabelMatrix.Known(labels);
        var keys = new double[known.Length];
        for (int k = 0; k < known.Length; k++)
        {
            keys[k] = scores[known[k]];
            if (double.IsNaN(keys[k])) throw new ArgumentException($"score of image {known[k]} is NaN");
        }
        Array.Sort(keys, known);
        _images = known;
        _positive = [.. known.Select(i => KnownLabels.IsPositive(labels[i], i))];
        var starts = new List<int>();
        for (int k = 0; k < keys.Length; k++)
            if (k == 0 || keys[k] != keys[k - 1]) starts.Add(k);
        starts.Add(keys.Length);
        _groupStart = [.. starts];
    }

    /// <summary>AUROC with image <c>i</c> counted <c>counts[i]</c> times; NaN when a class is missing.</summary>
    public double Auroc(int[] counts)
    {
        double pairs = 0, negativesBelow = 0, positives = 0;
        for (int g = 0; g + 1 < _groupStart.Length; g++)
        {
            (double p, double n) = GroupCounts(g, counts);
            pairs += p * (negativesBelow + 0.5 * n); // lower negatives win, tied ones count ½
            negativesBelow += n;
            positives += p;
        }
        return positives == 0 || negativesBelow == 0 ? double.NaN : pairs / (positives * negativesBelow);
    }

    /// <summary>Average precision with image <c>i</c> counted <c>counts[i]</c> times; NaN with no positive.</summary>
    public double AveragePrecision(int[] counts)
    {
        double sum = 0, truePositives = 0, predicted = 0;
        for (int g = _groupStart.Length - 2; g >= 0; g--)
        {
            (double p, double n) = GroupCounts(g, counts);
            truePositives += p;
            predicted += p + n;
            if (p > 0) sum += p * truePositives / predicted;
        }
        return truePositives == 0 ? double.NaN : sum / truePositives;
    }

    (double Positives, double Negatives) GroupCounts(int g, int[] counts)
    {
        double p = 0, n = 0;
        for (int k = _groupStart[g]; k < _groupStart[g + 1]; k++)
        {
            int c = counts[_images[k]];
            if (_positive[k]) p += c; else n += c;
        }
        return (p, n);
    }
}
