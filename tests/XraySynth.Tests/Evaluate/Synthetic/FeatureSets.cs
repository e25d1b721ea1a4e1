using XraySynth.Evaluate.Features;

namespace XraySynth.Tests.Evaluate.Synthetic;

/// <summary>Seeded random feature sets for the metric tests.</summary>
public static class FeatureSets
{
    /// <summary><paramref name="rows"/> vectors of standard normals (Box–Muller) times <paramref name="scale"/> plus <paramref name="shift"/>.</summary>
    public static FeatureMatrix Gaussian(int rows, int dimension, int seed, double shift = 0, double scale = 1)
    {
        var random = new Random(seed);
        var values = new float[rows * dimension];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(shift + scale * Normal(random));
        return new FeatureMatrix(values, rows, dimension);
    }

    /// <summary>One standard normal draw.</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Euclidean distance of two rows, in double, by the definition.</summary>
    public static double Distance(FeatureMatrix a, int i, FeatureMatrix b, int j)
    {
        double sum = 0;
        for (int t = 0; t < a.Dimension; t++) { double d = a.Row(i)[t] - b.Row(j)[t]; sum += d * d; }
        return Math.Sqrt(sum);
    }

    /// <summary>Distance from row i to its k-th nearest other row (self excluded), sorting every distance.</summary>
    public static double KthOther(FeatureMatrix a, int i, int k) =>
        Enumerable.Range(0, a.Rows).Where(j => j != i).Select(j => Distance(a, i, a, j)).Order().ElementAt(k - 1);
}
