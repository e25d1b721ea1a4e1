using XraySynth.Evaluate.Synthetic;

namespace XraySynth.Tests.Evaluate.Synthetic;

public class NormalizedCrossCorrelationTests
{
    static readonly byte[] Image = [10, 50, 90, 30, 200, 120, 60, 5, 250];

    [Fact]
    public void Copies_and_brightness_or_contrast_changes_correlate_one_and_inversions_minus_one()
    {
        Assert.Equal(1.0, NormalizedCrossCorrelation.Compute(Image, Image), 12);
        Assert.Equal(1.0, NormalizedCrossCorrelation.Compute(Image, Image.Select(p => (byte)(p / 2 + 3)).ToArray()), 2);
        Assert.Equal(-1.0, NormalizedCrossCorrelation.Compute(Image, Image.Select(p => (byte)(255 - p)).ToArray()), 12);
        Assert.Equal(0.0, NormalizedCrossCorrelation.Compute(Image, new byte[9]));
    }

    [Fact]
    public void Hand_worked_example()
    {
        // a = (1, 2, 3), b = (1, 3, 2): centred (−1, 0, 1), (−1, 1, 0); Σab = 1, Σa² = Σb² = 2 → NCC = ½.
        Assert.Equal(0.5, NormalizedCrossCorrelation.Compute([1, 2, 3], [1, 3, 2]), 12);
    }

    [Fact]
    public void Unit_vector_distances_give_back_the_correlation()
    {
        byte[] other = [200, 40, 90, 35, 180, 20, 60, 105, 250];
        var vectors = NormalizedCrossCorrelation.UnitVectors(Image.Concat(other).ToArray(), 9);
        double distance = FeatureSets.Distance(vectors, 0, vectors, 1);
        Assert.Equal(NormalizedCrossCorrelation.Compute(Image, other), NormalizedCrossCorrelation.FromUnitDistance(distance), 5);
    }
}
