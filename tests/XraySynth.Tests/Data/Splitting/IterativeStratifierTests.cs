using XraySynth.Data.Splitting;

namespace XraySynth.Tests.Data.Splitting;

public sealed class IterativeStratifierTests
{
    static StratificationUnit Unit(int size, params int[] counts) => new(counts, size);

    [Fact]
    public void A_label_with_as_many_units_as_splits_reaches_every_split()
    {
        // 3 rare positives among 30 units: plain Sechidis would give train two and val none at 70/10/20.
        var units = Enumerable.Range(0, 30).Select(i => Unit(1, i < 3 ? 1 : 0)).ToList();
        int[] splits = IterativeStratifier.Assign(units, [0.7, 0.1, 0.2], new Random(1));
        Assert.Equal([0, 1, 2], splits.Take(3).Order());
    }

    [Fact]
    public void Pinned_units_go_to_their_split_and_count_toward_it()
    {
        var units = Enumerable.Range(0, 10).Select(i => new StratificationUnit([0], 1, i < 5 ? 0 : null)).ToList();
        int[] splits = IterativeStratifier.Assign(units, [0.5, 0.5], new Random(1));
        Assert.All(splits.Take(5), s => Assert.Equal(0, s));
        Assert.All(splits.Skip(5), s => Assert.Equal(1, s));
    }

    [Fact]
    public void A_split_with_fraction_zero_receives_nothing()
    {
        var units = Enumerable.Range(0, 50).Select(i => Unit(1 + i % 3, i % 2, i % 5 == 0 ? 1 : 0)).ToList();
        int[] splits = IterativeStratifier.Assign(units, [0.8, 0, 0.2], new Random(4));
        Assert.DoesNotContain(1, splits);
    }
}
