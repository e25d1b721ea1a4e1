using XraySynth.Balance;

namespace XraySynth.Tests.Balance;

public sealed class BalanceTargetsTests
{
    [Theory]
    [InlineData(0.8, 10, 40)]   // 40 / (10 + 40) = 0.8 exactly: floating point must not round it down to 39
    [InlineData(0.5, 100, 100)]
    [InlineData(0.05, 100, 5)]  // 5.26 → 5
    [InlineData(0.3, 7, 3)]     // 3 / 10 = 0.3
    [InlineData(0.8, 0, 0)]     // no real positive: any added one would make the share 100%
    [InlineData(0, 100, 0)]
    public void A_cap_is_the_largest_count_whose_share_stays_within_the_fraction(double fraction, int existing, int cap)
    {
        Assert.Equal(cap, BalanceTargets.Cap(fraction, existing));
        if (cap > 0) Assert.True((double)cap / (existing + cap) <= fraction + 1e-12);
        Assert.True((double)(cap + 1) / (existing + cap + 1) > fraction);
    }

    [Fact]
    public void A_fraction_of_one_is_no_cap()
    {
        Assert.Equal(int.MaxValue, BalanceTargets.Cap(1, 0));
        Assert.Equal(int.MaxValue, BalanceTargets.Cap(1, 123));
    }

    [Fact]
    public void The_median_of_an_even_number_of_counts_rounds_up()
    {
        Assert.Equal(5, BalanceTargets.Median([9, 1, 5]));
        Assert.Equal(7, BalanceTargets.Median([2, 5, 8, 10]));
        Assert.Equal(6, BalanceTargets.Median([2, 5, 7, 10]));
        Assert.Equal(0, BalanceTargets.Median([]));
    }
}
