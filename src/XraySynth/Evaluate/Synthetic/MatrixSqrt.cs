using MathNet.Numerics.LinearAlgebra;

namespace XraySynth.Evaluate.Synthetic;

/// <summary>
/// Principal square root of a symmetric positive semi-definite matrix by symmetric eigen-decomposition
/// (MathNet.Numerics): <c>A = V diag(λ) Vᵀ → √A = V diag(√max(λ, 0)) Vᵀ</c>. Eigenvalues that round-off makes
/// slightly negative are clamped to 0, so the result is always real and symmetric PSD (unlike scipy's
/// <c>sqrtm</c> on a non-symmetric product, which can return complex parts).
/// </summary>
public static class MatrixSqrt
{
    /// <summary>√<paramref name="a"/> for symmetric PSD <paramref name="a"/> (symmetrised as (A + Aᵀ)/2 first).</summary>
    public static Matrix<double> Symmetric(Matrix<double> a)
    {
        if (a.RowCount != a.ColumnCount) throw new ArgumentException($"expected a square matrix, got {a.RowCount} × {a.ColumnCount}", nameof(a));
        var (vectors, values) = Eigen(a);
        var scaled = vectors.Clone();
        for (int j = 0; j < values.Length; j++) scaled.SetColumn(j, vectors.Column(j) * Math.Sqrt(values[j]));
        return scaled * vectors.Transpose();
    }

    /// <summary>Trace of √<paramref name="a"/> for symmetric PSD <paramref name="a"/>: Σ √max(λᵢ, 0), no reconstruction needed.</summary>
    public static double Trace(Matrix<double> a) => Eigen(a).Values.Sum(Math.Sqrt);

    static (Matrix<double> Vectors, double[] Values) Eigen(Matrix<double> a)
    {
        var symmetric = (a + a.Transpose()) * 0.5;
        var evd = symmetric.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => Math.Max(v.Real, 0)).ToArray();
        return (evd.EigenVectors, values);
    }
}
