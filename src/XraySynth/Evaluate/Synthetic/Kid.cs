using XraySynth.Evaluate.Features;
using static TorchSharp.torch;

namespace XraySynth.Evaluate.Synthetic;

/// <summary>
/// Kernel Inception Distance (Bińkowski et al., ICLR 2018): the unbiased estimate of MMD² with the cubic polynomial
/// kernel <c>k(x, y) = (xᵀy / d + 1)³</c>, averaged over random subsets of equal size drawn without replacement from
/// each set; reported as mean ± standard deviation over subsets, the standard deviation with divisor s (not s − 1), as
/// Bińkowski et al.'s code (mbinkowski/MMD-GAN) and torch-fidelity report it (<c>np.std</c>). Unbiased: its
/// expectation is 0 when both sets come from one distribution, so single values may be negative.
/// </summary>
public static class Kid
{
    /// <summary>
    /// Mean and standard deviation over <paramref name="subsets"/> subsets of min(<paramref name="subsetSize"/>, |a|, |b|)
    /// points each, drawn with <paramref name="seed"/>. NaN when a set has fewer than 2 points.
    /// </summary>
    public static (double Mean, double Sd) Compute(FeatureMatrix a, FeatureMatrix b, int subsets, int subsetSize, long seed, Device device)
    {
        if (a.Dimension != b.Dimension) throw new ArgumentException($"feature widths differ: {a.Dimension} and {b.Dimension}", nameof(b));
        ArgumentOutOfRangeException.ThrowIfLessThan(subsets, 1);
        int m = Math.Min(subsetSize, Math.Min(a.Rows, b.Rows));
        if (m < 2) return (double.NaN, double.NaN);
        var random = new Random(unchecked((int)seed) ^ 0x4b1d);
        var drawn = new (int[] A, int[] B)[subsets];
        for (int s = 0; s < subsets; s++) drawn[s] = (Subset(random, a.Rows, m), Subset(random, b.Rows, m));
        return Compute(a, b, drawn, device);
    }

    /// <summary>
    /// Mean and standard deviation of the unbiased MMD² over given <paramref name="subsets"/>: row indices into
    /// <paramref name="a"/> and into <paramref name="b"/>, equally many (at least 2) within a subset. The random overload
    /// draws its subsets and calls this one; tests recompute a reference on exactly the same subsets.
    /// </summary>
    public static (double Mean, double Sd) Compute(FeatureMatrix a, FeatureMatrix b, IReadOnlyList<(int[] A, int[] B)> subsets, Device device)
    {
        if (a.Dimension != b.Dimension) throw new ArgumentException($"feature widths differ: {a.Dimension} and {b.Dimension}", nameof(b));
        if (subsets.Count == 0) throw new ArgumentException("no subsets", nameof(subsets));
        var values = new double[subsets.Count];
        using var ta = a.ToTensor(device);
        using var tb = b.ToTensor(device);
        for (int s = 0; s < subsets.Count; s++)
        {
            var (ia, ib) = subsets[s];
            if (ia.Length != ib.Length || ia.Length < 2)
                throw new ArgumentException($"subset {s} has {ia.Length} and {ib.Length} points; expected equally many, at least 2", nameof(subsets));
            using var scope = NewDisposeScope();
            var x = ta.index_select(0, tensor(ia.Select(i => (long)i).ToArray(), device: device));   // [m, d]
            var y = tb.index_select(0, tensor(ib.Select(i => (long)i).ToArray(), device: device));   // [m, d]
            values[s] = UnbiasedMmd2(x, y);
        }
        double mean = values.Average();
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);                  // np.std: ddof 0
        return (mean, sd);
    }

    /// <summary>Unbiased MMD² of two equal-size samples [m, d]: off-diagonal means of Kxx and Kyy minus twice the mean of Kxy.</summary>
    static double UnbiasedMmd2(Tensor x, Tensor y)
    {
        long m = x.shape[0], d = x.shape[1];
        double OffDiagonalSum(Tensor k) => k.sum().item<double>() - k.diagonal().sum().item<double>();
        var kxx = Kernel(x, x, d);
        var kyy = Kernel(y, y, d);
        var kxy = Kernel(x, y, d);
        return (OffDiagonalSum(kxx) + OffDiagonalSum(kyy)) / (m * (m - 1.0)) - 2 * kxy.sum().item<double>() / ((double)m * m);
    }

    /// <summary>(x yᵀ / d + 1)³: dot products in float32 (the costly part), the kernel and its sums in float64.</summary>
    static Tensor Kernel(Tensor x, Tensor y, long d)
    {
        var u = Torch.KeptScalar.Affine(x.matmul(y.t()).to(ScalarType.Float64), 1.0 / d, 1);
        return u * u * u;
    }

    static int[] Subset(Random random, int n, int m)
    {
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        return order[..m];
    }
}
