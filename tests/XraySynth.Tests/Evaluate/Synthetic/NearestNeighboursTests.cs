using XraySynth.Evaluate.Synthetic;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Evaluate.Synthetic;

public class NearestNeighboursTests
{
    [Fact]
    public void Chunked_queries_across_block_boundaries_find_the_brute_force_nearest()
    {
        _ = TorchFixture.Cpu;
        // More queries than QueryChunk and more references than ReferenceChunk, so every block seam is crossed.
        var queries = FeatureSets.Gaussian(NearestNeighbours.QueryChunk + 37, 3, seed: 1);
        var references = FeatureSets.Gaussian(NearestNeighbours.ReferenceChunk + 500, 3, seed: 2);
        var (index, distance) = NearestNeighbours.Nearest(queries, references, CPU);
        foreach (int q in new[] { 0, 5, NearestNeighbours.QueryChunk - 1, NearestNeighbours.QueryChunk, queries.Rows - 1 })
        {
            var all = Enumerable.Range(0, references.Rows).Select(r => FeatureSets.Distance(queries, q, references, r)).ToArray();
            double best = all.Min();
            Assert.Equal(best, distance[q], 4);
            Assert.Equal(best, all[index[q]], 4);
        }
        Assert.Contains(index, i => i >= NearestNeighbours.ReferenceChunk);                       // the last block is searched
    }

    [Fact]
    public void An_exact_copy_is_at_distance_zero_and_distances_are_exact_not_from_the_matmul_expansion()
    {
        _ = TorchFixture.Cpu;
        // Wide, unit-scale features and enough rows that cdist takes its matrix-product path, where a = b leaves a
        // rounding residue of ~1e-3 under the square root.
        var references = FeatureSets.Gaussian(200, 256, seed: 3);
        var (index, distance) = NearestNeighbours.Nearest(references, references, CPU);
        Assert.Equal(Enumerable.Range(0, references.Rows), index);
        Assert.All(distance, d => Assert.Equal(0.0, d));
        var queries = FeatureSets.Gaussian(40, 256, seed: 4);
        var (near, far) = NearestNeighbours.Nearest(queries, references, CPU);
        for (int q = 0; q < queries.Rows; q++) Assert.Equal(FeatureSets.Distance(queries, q, references, near[q]), far[q], 9);
    }

    [Fact]
    public void Kth_distances_exclude_the_point_itself()
    {
        _ = TorchFixture.Cpu;
        var points = XraySynth.Evaluate.Features.FeatureMatrix.FromRows([[0.0], [1.0], [3.0], [7.0]]);
        Assert.Equal(new[] { 1.0, 1.0, 2.0, 4.0 }, NearestNeighbours.KthDistances(points, 1, CPU));
        Assert.Equal(new[] { 3.0, 2.0, 3.0, 6.0 }, NearestNeighbours.KthDistances(points, 2, CPU));
        Assert.All(NearestNeighbours.KthDistances(points, 4, CPU), r => Assert.True(double.IsNaN(r)));
    }

    [Fact]
    public void Count_inside_counts_balls_with_the_boundary_included()
    {
        _ = TorchFixture.Cpu;
        var centres = XraySynth.Evaluate.Features.FeatureMatrix.FromRows([[0.0], [10.0]]);
        var queries = XraySynth.Evaluate.Features.FeatureMatrix.FromRows([[0.0], [2.0], [5.0], [9.0], [20.0]]);
        Assert.Equal(new[] { 1, 1, 2, 1, 0 }, NearestNeighbours.CountInside(queries, centres, [5.0, 5.0], CPU));
    }

    [Fact]
    public void Strict_counts_leave_the_boundary_out_and_per_ball_counts_use_each_centres_radius()
    {
        _ = TorchFixture.Cpu;
        var centres = XraySynth.Evaluate.Features.FeatureMatrix.FromRows([[0.0], [10.0]]);
        var queries = XraySynth.Evaluate.Features.FeatureMatrix.FromRows([[0.0], [2.0], [5.0], [9.0], [20.0]]);
        Assert.Equal(new[] { 1, 1, 0, 1, 0 }, NearestNeighbours.CountInside(queries, centres, [5.0, 5.0], CPU, strict: true));
        Assert.Equal(new[] { 1, 5 }, NearestNeighbours.CountPerBall(centres, [1.0, 10.0], queries, CPU));
        Assert.Equal(new[] { 1, 3 }, NearestNeighbours.CountPerBall(centres, [1.0, 10.0], queries, CPU, strict: true));
        Assert.Equal(new[] { 0, 3 }, NearestNeighbours.CountPerBall(centres, [double.NaN, 10.0], queries, CPU, strict: true));
    }
}
