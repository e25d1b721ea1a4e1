using XraySynth.Data.Cache;
using XraySynth.Data.Loading;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Classify.Training;

/// <summary>Sigmoid probabilities of a classifier for cache rows, in eval mode, batched, without gradients.</summary>
public static class ClassifierPredictor
{
    /// <summary>Probabilities [rows × labels] for <paramref name="rows"/> (in that order).</summary>
    public static float[,] Predict(nn.Module<Tensor, Tensor> model, PreparedCache cache, IReadOnlyList<int> rows, Device device, int batchSize, bool channelsLast = false)
    {
        int labels = cache.Dataset.Vocabulary.Count, size = cache.Size;
        var result = new float[rows.Count, labels];
        model.eval();
        using var noGrad = no_grad();
        for (int start = 0; start < rows.Count; start += batchSize)
        {
            int n = Math.Min(batchSize, rows.Count - start);
            var pixels = new byte[n * size * size];
            for (int i = 0; i < n; i++) cache.Image(rows[start + i]).CopyTo(pixels.AsSpan(i * size * size, size * size));
            using var scope = NewDisposeScope();
            var x = PixelTensors.FromBytes(pixels, n, size, size, device);
            if (channelsLast) x = Torch.ChannelsLast.Of(x);
            var probabilities = model.forward(x).sigmoid().to(ScalarType.Float32).cpu().data<float>().ToArray();
            for (int i = 0; i < n; i++)
                for (int l = 0; l < labels; l++) result[start + i, l] = probabilities[i * labels + l];
        }
        model.train();
        return result;
    }

    /// <summary>The ground-truth multi-hot labels [rows × labels] of <paramref name="rows"/>.</summary>
    public static float[,] Truth(PreparedCache cache, IReadOnlyList<int> rows)
    {
        var all = cache.Dataset.LabelMatrix();
        var result = new float[rows.Count, all.GetLength(1)];
        for (int i = 0; i < rows.Count; i++)
            for (int l = 0; l < all.GetLength(1); l++) result[i, l] = all[rows[i], l];
        return result;
    }

    /// <summary>Per-label AUROC of <paramref name="probabilities"/> (NaN where a label has one class) and their mean over defined labels.</summary>
    public static (double[] PerLabel, double Mean) Aurocs(float[,] probabilities, float[,] truth)
    {
        int labels = truth.GetLength(1), n = truth.GetLength(0);
        var per = new double[labels];
        for (int l = 0; l < labels; l++)
        {
            var scores = new double[n];
            var positive = new bool[n];
            for (int i = 0; i < n; i++) { scores[i] = probabilities[i, l]; positive[i] = truth[i, l] > 0.5f; }
            per[l] = Evaluate.Auroc.Compute(scores, positive);
        }
        var defined = per.Where(double.IsFinite).ToList();
        return (per, defined.Count == 0 ? double.NaN : defined.Average());
    }

    /// <summary>Row indices of <paramref name="split"/> in manifest order.</summary>
    public static int[] RowsOf(PreparedCache cache, Data.Split split) => RowSubset.OfSplit(cache.Dataset, split);
}
