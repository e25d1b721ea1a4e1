using XraySynth.Evaluate.Features;
using TorchSharp;
using static TorchSharp.torch;

namespace XraySynth.Evaluate.Synthetic;

/// <summary>
/// Euclidean nearest-neighbour queries between feature sets, on a device, in blocks of
/// <c>queries × references</c> distances so that 50k × 100k never exists at once (a block is at most
/// <see cref="QueryChunk"/> × <see cref="ReferenceChunk"/> floats). Both sets are copied to the device once.
/// </summary>
public static class NearestNeighbours
{
    /// <summary>Query rows per block.</summary>
    public const int QueryChunk = 1024;
    /// <summary>Reference rows per block.</summary>
    public const int ReferenceChunk = 8192;

    /// <summary>
    /// Distance from each point to its <paramref name="k"/>-th nearest other point of the same set: the radius of its
    /// k-NN ball (Kynkäänniemi et al. 2019). The point itself counts as its 0-th neighbour, as in the reference code.
    /// NaN for every point when the set has no more than <paramref name="k"/> points.
    /// </summary>
    public static double[] KthDistances(FeatureMatrix points, int k, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int n = points.Rows;
        var radii = new double[n];
        if (n <= k) { Array.Fill(radii, double.NaN); return radii; }
        using var all = points.ToTensor(device);
        for (int q = 0; q < n; q += QueryChunk)
        {
            using var scope = NewDisposeScope();
            var queries = all.narrow(0, q, Math.Min(QueryChunk, n - q));
            Tensor? best = null;                                                          // [c, ≤ k + 1] smallest distances so far
            for (int r = 0; r < n; r += ReferenceChunk)
            {
                var block = cdist(queries, all.narrow(0, r, Math.Min(ReferenceChunk, n - r)));   // [c, b]
                var merged = best is null ? block : cat(new[] { best, block }, 1);
                best = merged.topk((int)Math.Min(k + 1, merged.shape[1]), dim: 1, largest: false).values;
            }
            var kth = best!.select(1, k).to(ScalarType.Float64).cpu().data<double>().ToArray();
            kth.CopyTo(radii, q);
        }
        return radii;
    }

    /// <summary>For each query, the index of its nearest reference point and the distance to it (computed directly).</summary>
    public static (int[] Index, double[] Distance) Nearest(FeatureMatrix queries, FeatureMatrix references, Device device)
    {
        CheckWidths(queries, references);
        if (references.Rows == 0) throw new ArgumentException("no reference points", nameof(references));
        int n = queries.Rows, m = references.Rows;
        var index = new int[n];
        var distance = new double[n];
        using var qs = queries.ToTensor(device);
        using var rs = references.ToTensor(device);
        for (int q = 0; q < n; q += QueryChunk)
        {
            using var scope = NewDisposeScope();
            int c = Math.Min(QueryChunk, n - q);
            var chunk = qs.narrow(0, q, c);
            var bestDistance = full(c, double.PositiveInfinity, ScalarType.Float32, device);
            var bestIndex = zeros(c, ScalarType.Int64, device);
            for (int r = 0; r < m; r += ReferenceChunk)
            {
                var block = cdist(chunk, rs.narrow(0, r, Math.Min(ReferenceChunk, m - r)));      // [c, b]
                var (value, at) = block.min(1);
                var better = value.lt(bestDistance);
                bestDistance = where(better, value, bestDistance);
                using var offset = ((long)r).ToScalar();
                bestIndex = where(better, at.add_(offset), bestIndex);
            }
            // cdist finds the neighbour through ‖a‖² + ‖b‖² − 2a·b, whose rounding leaves ~1e-3 where a = b; the distance
            // to the one found is recomputed directly, so an exact copy is at distance 0 on every machine.
            var exact = (chunk - rs.index_select(0, bestIndex)).to(ScalarType.Float64).square().sum(1).sqrt();
            exact.cpu().data<double>().ToArray().CopyTo(distance, q);
            var found = bestIndex.cpu().data<long>().ToArray();
            for (int i = 0; i < c; i++) index[q + i] = (int)found[i];
        }
        return (index, distance);
    }

    /// <summary>
    /// For each query, how many balls (centre <paramref name="centres"/>[i], radius <paramref name="radii"/>[i]) contain it:
    /// distance ≤ radius (closed balls, Kynkäänniemi et al.), or distance &lt; radius when <paramref name="strict"/>
    /// (open balls, as Naeem et al.'s prdc code). Balls with a NaN radius contain nothing.
    /// </summary>
    public static int[] CountInside(FeatureMatrix queries, FeatureMatrix centres, double[] radii, Device device, bool strict = false)
    {
        if (radii.Length != centres.Rows) throw new ArgumentException($"{radii.Length} radii for {centres.Rows} centres", nameof(radii));
        return Count(queries, centres, radii, radiiOfQueries: false, strict, device);
    }

    /// <summary>
    /// For each centre, how many <paramref name="points"/> lie in its ball (radius <paramref name="radii"/>[i]; ≤, or &lt;
    /// when <paramref name="strict"/>): the per-ball count behind coverage. The distances come from the same
    /// <c>cdist</c> as <see cref="KthDistances"/> and <see cref="CountInside"/>, so a point exactly on a radius compares
    /// equal to it. Balls with a NaN radius contain nothing.
    /// </summary>
    public static int[] CountPerBall(FeatureMatrix centres, double[] radii, FeatureMatrix points, Device device, bool strict = false)
    {
        if (radii.Length != centres.Rows) throw new ArgumentException($"{radii.Length} radii for {centres.Rows} centres", nameof(radii));
        return Count(centres, points, radii, radiiOfQueries: true, strict, device);
    }

    /// <summary>
    /// For each query row, how many reference rows are within a radius: the reference's (<paramref name="radiiOfQueries"/>
    /// false) or the query's own. Radii are compared in float32, as the distances come out of <c>cdist</c>.
    /// </summary>
    static int[] Count(FeatureMatrix queries, FeatureMatrix references, double[] radii, bool radiiOfQueries, bool strict, Device device)
    {
        CheckWidths(queries, references);
        int n = queries.Rows, m = references.Rows;
        var counts = new int[n];
        using var qs = queries.ToTensor(device);
        using var rs = references.ToTensor(device);
        using var rad = tensor(radii.Select(r => double.IsNaN(r) ? -1f : (float)r).ToArray()).to(device);
        for (int q = 0; q < n; q += QueryChunk)
        {
            using var scope = NewDisposeScope();
            int c = Math.Min(QueryChunk, n - q);
            var chunk = qs.narrow(0, q, c);
            var total = zeros(c, ScalarType.Int64, device);
            for (int r = 0; r < m; r += ReferenceChunk)
            {
                int b = Math.Min(ReferenceChunk, m - r);
                var block = cdist(chunk, rs.narrow(0, r, b));                                     // [c, b]
                var limit = radiiOfQueries ? rad.narrow(0, q, c).unsqueeze(1) : rad.narrow(0, r, b).unsqueeze(0);
                total.add_((strict ? block.lt(limit) : block.le(limit)).sum(1));
            }
            var found = total.cpu().data<long>().ToArray();
            for (int i = 0; i < c; i++) counts[q + i] = (int)found[i];
        }
        return counts;
    }

    static void CheckWidths(FeatureMatrix a, FeatureMatrix b)
    {
        if (a.Dimension != b.Dimension) throw new ArgumentException($"feature widths differ: {a.Dimension} and {b.Dimension}");
    }
}
