using static TorchSharp.torch;

namespace XraySynth.Evaluate.Features;

/// <summary>
/// Feature vectors of a set of images: <see cref="Rows"/> × <see cref="Dimension"/> floats, row-major, one row per image.
/// The common input of the synthetic-quality metrics and the memorization audit.
/// </summary>
public sealed class FeatureMatrix
{
    /// <summary>Values, <c>Rows * Dimension</c> floats, row by row.</summary>
    public float[] Values { get; }
    /// <summary>Number of vectors.</summary>
    public int Rows { get; }
    /// <summary>Length of each vector.</summary>
    public int Dimension { get; }

    /// <summary>Wraps <paramref name="values"/> (not copied) as <paramref name="rows"/> vectors of <paramref name="dimension"/>.</summary>
    public FeatureMatrix(float[] values, int rows, int dimension)
    {
        if (rows < 0 || dimension < 1) throw new ArgumentOutOfRangeException(nameof(rows), $"feature matrix {rows} × {dimension}");
        if (values.LongLength != (long)rows * dimension)
            throw new ArgumentException($"expected {(long)rows * dimension} values for {rows} × {dimension}, got {values.LongLength}", nameof(values));
        Values = values; Rows = rows; Dimension = dimension;
    }

    /// <summary>A matrix from jagged rows (all of one length; tests and small inputs).</summary>
    public static FeatureMatrix FromRows(IReadOnlyList<double[]> rows)
    {
        if (rows.Count == 0) throw new ArgumentException("no rows", nameof(rows));
        int d = rows[0].Length;
        var values = new float[rows.Count * d];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != d) throw new ArgumentException($"row {i} has {rows[i].Length} values, row 0 has {d}", nameof(rows));
            for (int j = 0; j < d; j++) values[i * d + j] = (float)rows[i][j];
        }
        return new FeatureMatrix(values, rows.Count, d);
    }

    /// <summary>Row <paramref name="i"/>.</summary>
    public ReadOnlySpan<float> Row(int i) => Values.AsSpan(i * Dimension, Dimension);

    /// <summary>The rows at <paramref name="indices"/>, in that order (copied).</summary>
    public FeatureMatrix Select(IReadOnlyList<int> indices)
    {
        var values = new float[indices.Count * Dimension];
        for (int i = 0; i < indices.Count; i++) Row(indices[i]).CopyTo(values.AsSpan(i * Dimension, Dimension));
        return new FeatureMatrix(values, indices.Count, Dimension);
    }

    /// <summary>The matrix as a float tensor [Rows, Dimension] on <paramref name="device"/> (the caller owns it).</summary>
    public Tensor ToTensor(Device device, ScalarType type = ScalarType.Float32)
    {
        using var cpu = tensor(Values, new long[] { Rows, Dimension });
        return cpu.to(type, device);
    }
}
