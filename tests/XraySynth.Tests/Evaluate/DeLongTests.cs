using MathNet.Numerics;
using XraySynth.Evaluate;

namespace XraySynth.Tests.Evaluate;

public sealed class DeLongTests
{
    /// <summary>DeLong 1988 straight from the definitions, O(m·n): ψ matrix, components, 2×2 covariance.</summary>
    static (double AucA, double AucB, double VarA, double VarB, double Cov, double Z, double P) Definition(double[] a, double[] b, bool[] labels)
    {
        int[] pos = [.. Enumerable.Range(0, labels.Length).Where(i => labels[i])];
        int[] neg = [.. Enumerable.Range(0, labels.Length).Where(i => !labels[i])];
        int m = pos.Length, n = neg.Length;
        double[][] scores = [a, b];
        var v10 = new double[2][];
        var v01 = new double[2][];
        var auc = new double[2];
        for (int r = 0; r < 2; r++)
        {
            v10[r] = [.. pos.Select(i => neg.Sum(j => Reference.Psi(scores[r][i], scores[r][j])) / n)];
            v01[r] = [.. neg.Select(j => pos.Sum(i => Reference.Psi(scores[r][i], scores[r][j])) / m)];
            auc[r] = pos.Sum(i => neg.Sum(j => Reference.Psi(scores[r][i], scores[r][j]))) / ((double)m * n);
        }
        double S(double[][] v, int r, int s, int k) =>
            Enumerable.Range(0, k).Sum(i => (v[r][i] - auc[r]) * (v[s][i] - auc[s])) / (k - 1);
        double Cov(int r, int s) => S(v10, r, s, m) / m + S(v01, r, s, n) / n;
        double z = (auc[1] - auc[0]) / Math.Sqrt(Cov(0, 0) + Cov(1, 1) - 2 * Cov(0, 1));
        return (auc[0], auc[1], Cov(0, 0), Cov(1, 1), Cov(0, 1), z, SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2)));
    }

    [Theory]
    [InlineData(31, 25)]
    [InlineData(32, 60)]
    [InlineData(33, 140)]
    public void Fast_algorithm_equals_the_structural_component_definition(int seed, int n)
    {
        var (a, labels) = Reference.TiedData(seed, n);
        var random = new Random(seed + 100);
        // B is correlated with A, with its own ties
        double[] b = [.. a.Select(s => Math.Round(s + 0.3 * random.NextDouble(), 1))];

        var fast = DeLong.Compare(a, b, labels);
        var slow = Definition(a, b, labels);

        Assert.Equal(slow.AucA, fast.AucA, 12);
        Assert.Equal(slow.AucB, fast.AucB, 12);
        Assert.Equal(slow.AucB - slow.AucA, fast.Difference, 12);
        Assert.Equal(slow.VarA, fast.VarianceA, 12);
        Assert.Equal(slow.VarB, fast.VarianceB, 12);
        Assert.Equal(slow.Cov, fast.Covariance, 12);
        Assert.Equal(slow.Z, fast.Z, 10);
        Assert.Equal(slow.P, fast.PValue, 12);
        Assert.True(fast.Covariance > 0, "correlated classifiers should have positive covariance");
        Assert.Equal(slow.VarA, DeLong.Variance(a, labels), 12);
    }

    [Fact]
    public void Hand_example_variance_is_one_twelfth()
    {
        // positives 0.8, 0.6; negatives 0.7, 0.2, 0.6.
        // V10 = [1, ½] (0.6 < 0.7, > 0.2, = 0.6); V01 = [½, 1, ¾]; AUC = ¾.
        // S10 = (¼² + ¼²)/1 = ⅛; S01 = (¼² + ¼² + 0)/2 = 1/16; Var = ⅛/2 + (1/16)/3 = 1/12.
        double[] scores = [0.8, 0.6, 0.7, 0.2, 0.6];
        bool[] labels = Reference.Bools(1, 1, 0, 0, 0);
        Assert.Equal(1.0 / 12.0, DeLong.Variance(scores, labels), 15);

        var ci = DeLong.ConfidenceInterval(scores, labels);
        Assert.Equal(0.75, ci.Auc, 15);
        Assert.Equal(0.75 - 1.959963984540054 * Math.Sqrt(1.0 / 12.0), ci.Lower, 12);
        Assert.Equal(1.0, ci.Upper); // 0.75 + 0.566 clipped to 1
    }

    [Fact]
    public void Identical_classifiers_give_zero_difference_and_p_one()
    {
        var (a, labels) = Reference.TiedData(34, 50);
        var result = DeLong.Compare(a, a, labels);
        Assert.Equal(0.0, result.Difference);
        Assert.Equal(0.0, result.Z);
        Assert.Equal(1.0, result.PValue);
        Assert.Equal(result.VarianceA, result.Covariance, 15);
    }

    [Fact]
    public void Perfect_against_reversed_has_zero_variance_and_p_zero()
    {
        double[] a = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
        double[] b = [0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
        var result = DeLong.Compare(a, b, Reference.Bools(0, 0, 0, 1, 1, 1));
        Assert.Equal((1.0, 0.0, -1.0), (result.AucA, result.AucB, result.Difference));
        Assert.Equal((0.0, 0.0), (result.VarianceA, result.VarianceB));
        Assert.Equal(double.NegativeInfinity, result.Z);
        Assert.Equal(0.0, result.PValue);
    }

    [Fact]
    public void Undefined_cases_are_NaN_not_exceptions()
    {
        var oneClass = DeLong.Compare([0.1, 0.2], [0.3, 0.1], Reference.Bools(1, 1));
        Assert.True(double.IsNaN(oneClass.AucA) && double.IsNaN(oneClass.PValue));
        // one positive: AUROC defined, variance (m − 1 = 0) not
        var onePositive = DeLong.Compare([0.9, 0.2, 0.1], [0.1, 0.2, 0.9], Reference.Bools(1, 0, 0));
        Assert.Equal(1.0, onePositive.AucA);
        Assert.True(double.IsNaN(onePositive.VarianceA) && double.IsNaN(onePositive.PValue));
    }

    [Fact]
    public void Variance_agrees_with_the_bootstrap_variance_on_independent_cases()
    {
        // One image per patient: the patient bootstrap is the ordinary bootstrap, whose variance DeLong approximates.
        var random = new Random(35);
        int n = 300;
        bool[] labels = [.. Enumerable.Range(0, n).Select(i => i % 3 == 0)];
        double[] scores = [.. labels.Select(l => Reference.Gaussian(random) + (l ? 1.0 : 0.0))];
        string[] patients = [.. Enumerable.Range(0, n).Select(i => $"p{i}")];

        var values = new List<double>();
        PatientBootstrap.Ci(idx => { double v = Auroc.Compute(Reference.At(scores, idx), Reference.At(labels, idx)); values.Add(v); return v; },
            patients, resamples: 400, seed: 1);
        double mean = values.Average();
        double bootstrapVariance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        double ratio = Math.Sqrt(bootstrapVariance / DeLong.Variance(scores, labels));
        Assert.InRange(ratio, 0.85, 1.15);
    }
}
