using MathNet.Numerics.LinearAlgebra;
using XraySynth.Evaluate.Synthetic;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Evaluate.Synthetic;

public class MatrixSqrtTests
{
    [Fact]
    public void Square_root_of_a_two_by_two_matches_its_hand_worked_eigen_decomposition()
    {
        // [[2, 1], [1, 2]] = V diag(3, 1) Vᵀ with V = [[1, 1], [1, −1]] / √2, so √A = ½ [[√3 + 1, √3 − 1], [√3 − 1, √3 + 1]].
        _ = TorchFixture.Cpu;
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 1 }, { 1, 2 } });
        var root = MatrixSqrt.Symmetric(a);
        double s3 = Math.Sqrt(3);
        Assert.Equal((s3 + 1) / 2, root[0, 0], 12);
        Assert.Equal((s3 - 1) / 2, root[0, 1], 12);
        Assert.Equal((s3 - 1) / 2, root[1, 0], 12);
        Assert.Equal((s3 + 1) / 2, root[1, 1], 12);
        Assert.Equal(s3 + 1, MatrixSqrt.Trace(a), 12);
    }

    [Fact]
    public void Square_root_agrees_with_a_Denman_Beavers_iteration_and_squares_back()
    {
        _ = TorchFixture.Cpu;
        var random = new Random(3);
        var b = Matrix<double>.Build.Dense(6, 6, (_, _) => FeatureSets.Normal(random));
        var a = b * b.Transpose() + Matrix<double>.Build.DenseIdentity(6) * 0.1;           // symmetric positive definite
        var root = MatrixSqrt.Symmetric(a);
        // Denman–Beavers: Y ← (Y + Z⁻¹)/2, Z ← (Z + Y⁻¹)/2 from Y = A, Z = I converges to √A (no eigenvectors involved).
        var y = a.Clone();
        var z = Matrix<double>.Build.DenseIdentity(6);
        for (int i = 0; i < 60; i++) (y, z) = ((y + z.Inverse()) * 0.5, (z + y.Inverse()) * 0.5);
        Assert.True((root - y).FrobeniusNorm() < 1e-9 * y.FrobeniusNorm(), $"eigen vs Denman–Beavers differ by {(root - y).FrobeniusNorm()}");
        Assert.True((root * root - a).FrobeniusNorm() < 1e-9 * a.FrobeniusNorm());
        Assert.True((root - root.Transpose()).FrobeniusNorm() < 1e-12);
    }

    [Fact]
    public void Square_root_agrees_with_MathNet_eigen_decomposition_of_a_large_covariance()
    {
        _ = TorchFixture.Cpu;
        var random = new Random(4);
        var b = Matrix<double>.Build.Dense(60, 40, (_, _) => FeatureSets.Normal(random));
        var a = b.TransposeThisAndMultiply(b) / 59;                                            // a 40 × 40 sample covariance
        var evd = a.Evd(Symmetricity.Symmetric);
        var d = Matrix<double>.Build.DenseOfDiagonalArray(evd.EigenValues.Select(e => Math.Sqrt(Math.Max(e.Real, 0))).ToArray());
        var expected = evd.EigenVectors * d * evd.EigenVectors.Transpose();
        Assert.True((MatrixSqrt.Symmetric(a) - expected).FrobeniusNorm() < 1e-10 * expected.FrobeniusNorm());
        Assert.Equal(d.Trace(), MatrixSqrt.Trace(a), 9);
    }

    [Fact]
    public void Singular_matrices_with_round_off_negative_eigenvalues_give_a_real_PSD_root()
    {
        // Rank 1: v vᵀ has eigenvalues |v|² and 0 (numerically ±1e-17); √(v vᵀ) = v vᵀ / |v|.
        _ = TorchFixture.Cpu;
        var v = Vector<double>.Build.DenseOfArray([1, 2, 3]);
        var a = v.OuterProduct(v);
        var root = MatrixSqrt.Symmetric(a);
        Assert.True((root - a / v.L2Norm()).FrobeniusNorm() < 1e-6);                           // √ of a 1e-16 round-off eigenvalue is 1e-8
        Assert.All(root.Evd(Symmetricity.Symmetric).EigenValues, e => Assert.True(e.Real > -1e-9));
    }
}
