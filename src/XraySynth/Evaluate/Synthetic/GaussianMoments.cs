using MathNet.Numerics.LinearAlgebra;
using XraySynth.Evaluate.Features;
using static TorchSharp.torch;

namespace XraySynth.Evaluate.Synthetic;

/// <summary>
/// Mean and (unbiased, n − 1) covariance of a feature set: the Gaussian that the Fréchet distance compares.
/// <see cref="CovarianceSqrt"/> is computed once on first use, so one reference set can be compared with many.
/// </summary>
public sealed class GaussianMoments
{
    readonly Lazy<Matrix<double>> sqrt;

    /// <summary>Number of vectors the moments were estimated from.</summary>
    public int Count { get; }
    /// <summary>Mean vector μ.</summary>
    public Vector<double> Mean { get; }
    /// <summary>Covariance Σ (divided by n − 1).</summary>
    public Matrix<double> Covariance { get; }
    /// <summary>√Σ (see <see cref="MatrixSqrt.Symmetric"/>).</summary>
    public Matrix<double> CovarianceSqrt => sqrt.Value;

    /// <summary>Where <see cref="CovarianceSqrt"/> and the Fréchet distance's products are computed.</summary>
    public Device Device { get; }

    /// <summary>Moments given directly (closed-form tests); linear algebra on <paramref name="device"/> (CPU by default).</summary>
    public GaussianMoments(int count, Vector<double> mean, Matrix<double> covariance, Device? device = null)
    {
        Device = device ?? CPU;
        if (covariance.RowCount != mean.Count || covariance.ColumnCount != mean.Count)
            throw new ArgumentException($"covariance {covariance.RowCount} × {covariance.ColumnCount} does not match mean of {mean.Count}", nameof(covariance));
        Count = count; Mean = mean; Covariance = covariance;
        sqrt = new Lazy<Matrix<double>>(() => MatrixSqrt.Symmetric(Covariance, Device));
    }

    /// <summary>
    /// Moments of <paramref name="features"/>, accumulated in float64 on <paramref name="device"/> in row chunks
    /// (X ᵀX of a 50k × 2048 set is one matrix product per chunk). Fewer than 2 rows gives a NaN covariance.
    /// </summary>
    public static GaussianMoments Of(FeatureMatrix features, Device device, int chunkRows = 8192)
    {
        int n = features.Rows, d = features.Dimension;
        if (n < 2) return new GaussianMoments(n, Vector<double>.Build.Dense(d, double.NaN), Matrix<double>.Build.Dense(d, d, double.NaN), device);
        using var scope = NewDisposeScope();
        using var all = features.ToTensor(device, ScalarType.Float64);                         // [n, d]
        var mean = all.mean(new long[] { 0 });                                                   // [d]
        var scatter = zeros(d, d, ScalarType.Float64, device);                                  // Σ (x − μ)(x − μ)ᵀ
        for (int start = 0; start < n; start += chunkRows)
        {
            using var inner = NewDisposeScope();
            var centred = all.narrow(0, start, Math.Min(chunkRows, n - start)) - mean;             // [c, d]
            scatter.add_(centred.t().matmul(centred));
        }
        var covariance = Torch.KeptScalar.Mul(scatter, 1.0 / (n - 1)).cpu().data<double>().ToArray();
        var meanValues = mean.cpu().data<double>().ToArray();
        return new GaussianMoments(n, Vector<double>.Build.DenseOfArray(meanValues), Matrix<double>.Build.DenseOfRowMajor(d, d, covariance), device);
    }
}
