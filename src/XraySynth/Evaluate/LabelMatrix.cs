namespace XraySynth.Evaluate;

/// <summary>Shape checks and column access for N×L score and label matrices.</summary>
static class LabelMatrix
{
    /// <summary>Throws unless every matrix is N×L with N = patient ids and L = label names.</summary>
    public static void CheckShapes(string[] patientIds, IReadOnlyList<string> labelNames, double[,] labels, params double[][,] scores)
    {
        ArgumentNullException.ThrowIfNull(patientIds);
        ArgumentNullException.ThrowIfNull(labelNames);
        ArgumentNullException.ThrowIfNull(labels);
        int n = patientIds.Length, l = labelNames.Count;
        if (labels.GetLength(0) != n || labels.GetLength(1) != l)
            throw new ArgumentException($"labels are {labels.GetLength(0)}×{labels.GetLength(1)}; expected {n}×{l} (images × labels)");
        foreach (var s in scores)
            if (s.GetLength(0) != n || s.GetLength(1) != l)
                throw new ArgumentException($"scores are {s.GetLength(0)}×{s.GetLength(1)}; expected {n}×{l} (images × labels)");
    }

    /// <summary>Column <paramref name="j"/> of <paramref name="matrix"/>.</summary>
    public static double[] Column(double[,] matrix, int j)
    {
        var column = new double[matrix.GetLength(0)];
        for (int i = 0; i < column.Length; i++) column[i] = matrix[i, j];
        return column;
    }

    /// <summary>Indices of the images whose label is known (not NaN).</summary>
    public static int[] Known(double[] labels) => [.. Enumerable.Range(0, labels.Length).Where(i => !double.IsNaN(labels[i]))];

    /// <summary>How many times each of <paramref name="n"/> images occurs in <paramref name="indices"/>.</summary>
    public static int[] Counts(int[] indices, int n)
    {
        var counts = new int[n];
        foreach (int i in indices) counts[i]++;
        return counts;
    }

    /// <summary>Distinct patients among the images of <paramref name="labels"/> equal to 1.</summary>
    public static int PositivePatients(double[] labels, string[] patientIds) =>
        Enumerable.Range(0, labels.Length).Where(i => labels[i] == 1.0).Select(i => patientIds[i]).Distinct(StringComparer.Ordinal).Count();
}
