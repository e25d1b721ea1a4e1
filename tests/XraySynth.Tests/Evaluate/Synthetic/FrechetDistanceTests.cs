using MathNet.Numerics.LinearAlgebra;
using XraySynth.Evaluate.Synthetic;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Evaluate.Synthetic;

public class FrechetDistanceTests
{
    static Matrix<double> M(double[,] values) => Matrix<double>.Build.DenseOfArray(values);
    static Vector<double> V(params double[] values) => Vector<double>.Build.DenseOfArray(values);

    [Fact]
    public void Diagonal_Gaussians_match_the_closed_form_sum_of_squared_differences()
    {
        _ = TorchFixture.Cpu;
        // Commuting covariances: d² = |μa − μb|² + Σᵢ (σaᵢ − σbᵢ)².
        var a = new GaussianMoments(100, V(0, 1, 2), M(new double[,] { { 4, 0, 0 }, { 0, 1, 0 }, { 0, 0, 9 } }));
        var b = new GaussianMoments(100, V(1, 1, 0), M(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 16 } }));
        double expected = (1 + 0 + 4) + (1 + 0 + 1);
        Assert.Equal(expected, FrechetDistance.Compute(a, b), 10);
    }

    [Fact]
    public void Non_commuting_two_dimensional_Gaussians_match_the_closed_form()
    {
        _ = TorchFixture.Cpu;
        // For 2 × 2 SPD A, B: tr √(AB) = √(tr(AB) + 2 √(det A det B)) (AB's eigenvalues λ₁, λ₂ are real and positive).
        var ca = M(new double[,] { { 2, 0.8 }, { 0.8, 1 } });
        var cb = M(new double[,] { { 1, -0.5 }, { -0.5, 3 } });
        var ma = V(0.5, -1);
        var mb = V(-0.25, 2);
        double crossTrace = Math.Sqrt((ca * cb).Trace() + 2 * Math.Sqrt(ca.Determinant() * cb.Determinant()));
        double expected = (ma - mb).DotProduct(ma - mb) + ca.Trace() + cb.Trace() - 2 * crossTrace;
        Assert.Equal(expected, FrechetDistance.Compute(new GaussianMoments(10, ma, ca), new GaussianMoments(10, mb, cb)), 10);
        Assert.Equal(expected, FrechetDistance.Compute(new GaussianMoments(10, mb, cb), new GaussianMoments(10, ma, ca)), 10);
    }

    [Fact]
    public void Sample_moments_match_a_direct_computation_and_a_set_is_at_distance_zero_from_itself()
    {
        _ = TorchFixture.Cpu;
        var x = FeatureSets.Gaussian(300, 5, seed: 1);
        var moments = GaussianMoments.Of(x, TorchSharp.torch.CPU, chunkRows: 64);
        for (int i = 0; i < 5; i++)
        {
            double mean = Enumerable.Range(0, 300).Average(r => (double)x.Row(r)[i]);
            Assert.Equal(mean, moments.Mean[i], 5);
            for (int j = 0; j < 5; j++)
            {
                double cov = Enumerable.Range(0, 300).Sum(r => (x.Row(r)[i] - moments.Mean[i]) * (x.Row(r)[j] - moments.Mean[j])) / 299;
                Assert.Equal(cov, moments.Covariance[i, j], 5);
            }
        }
        Assert.True(FrechetDistance.Compute(moments, GaussianMoments.Of(x, TorchSharp.torch.CPU)) < 1e-8);
    }

    [Fact]
    public void Shifted_samples_are_about_the_squared_shift_apart()
    {
        _ = TorchFixture.Cpu;
        var a = FeatureSets.Gaussian(4000, 4, seed: 2);
        var b = FeatureSets.Gaussian(4000, 4, seed: 3, shift: 1);
        double d = FrechetDistance.Compute(GaussianMoments.Of(a, TorchSharp.torch.CPU), GaussianMoments.Of(b, TorchSharp.torch.CPU));
        Assert.InRange(d, 4 * 0.9, 4 * 1.1);                                                  // |(1, 1, 1, 1)|² = 4
    }

    [Fact]
    public void Fewer_than_two_vectors_give_NaN()
    {
        _ = TorchFixture.Cpu;
        var one = GaussianMoments.Of(FeatureSets.Gaussian(1, 3, seed: 4), TorchSharp.torch.CPU);
        var many = GaussianMoments.Of(FeatureSets.Gaussian(10, 3, seed: 5), TorchSharp.torch.CPU);
        Assert.True(double.IsNaN(FrechetDistance.Compute(one, many)));
    }
}
