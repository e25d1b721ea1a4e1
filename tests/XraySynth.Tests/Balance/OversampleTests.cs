using System.Text.RegularExpressions;
using XraySynth.Balance;
using XraySynth.Data;
using static XraySynth.Tests.Balance.BalanceFixture;

namespace XraySynth.Tests.Balance;

/// <summary>The oversample baseline: duplicates of real train positives, no synthetic images.</summary>
public sealed partial class OversampleTests
{
    static readonly Dataset RealData =
        Real(Path.Combine(Path.GetTempPath(), "xraysynth-balance-in-memory", "real"), 100, ("Effusion", 10), ("Hernia", 2), ("Mass", 5), ("Nodule", 8));

    static readonly BalanceConfig Config = new()
    {
        Strategy = BalanceStrategy.Oversample, Target = 9, MaxSyntheticFraction = 1, MaxSyntheticFractionPerLabel = 1,
    };

    [GeneratedRegex(@"^(?<original>.+)#dup(?<k>[0-9]+)$")]
    private static partial Regex DuplicateId();

    [Fact]
    public void Oversample_duplicates_only_real_train_positives_of_the_chosen_labels_up_to_the_target()
    {
        var plan = Balancer.Plan(RealData, [], Config);
        Assert.Equal([10, 9, 9, 9], plan.PerLabel.Select(l => l.After));
        var originals = RealData.Images.ToDictionary(i => i.Id);
        var chosen = plan.Chosen.Select(l => l.Label).ToHashSet();
        foreach (var added in plan.Additions)
        {
            var match = DuplicateId().Match(added.Id);
            Assert.True(match.Success, added.Id);
            var original = originals[match.Groups["original"].Value];
            Assert.Equal(Split.Train, original.Split);
            Assert.Contains(original.Labels, chosen.Contains);
            Assert.Equal(original with { Id = added.Id, Path = RealData.FullPath(original) }, added);
            Assert.Equal(ImageSource.Real, added.Source);
        }
    }

    [Fact]
    public void Oversample_spreads_duplicates_evenly_and_numbers_them_per_original()
    {
        var plan = Balancer.Plan(RealData, [], Config);
        var perOriginal = plan.Additions.Select(a => DuplicateId().Match(a.Id)).GroupBy(m => m.Groups["original"].Value)
            .ToDictionary(g => g.Key, g => g.Select(m => int.Parse(m.Groups["k"].Value)).Order().ToList());
        // Hernia: 2 originals, 7 duplicates → 4 and 3; Mass: 5 originals, 4 duplicates → one each.
        var hernia = perOriginal.Where(p => RealData.Images.Single(i => i.Id == p.Key).Has("Hernia")).Select(p => p.Value.Count).Order();
        Assert.Equal([3, 4], hernia);
        Assert.All(perOriginal.Values, ks => Assert.Equal(Enumerable.Range(1, ks.Count), ks));
        Assert.Equal(plan.Additions.Count, plan.Additions.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public void Oversample_copies_the_boxes_of_a_duplicated_image()
    {
        // r0000 is an Effusion image with a box; duplicating every Effusion image once includes it.
        var plan = Balancer.Plan(RealData, [], Config with { Labels = ["Effusion"], Target = 20 });
        Assert.Equal(10, plan.Additions.Count);
        var box = Assert.Single(plan.AddedBoxes);
        Assert.Equal(RealData.Boxes[0] with { ImageId = "r0000#dup1" }, box);
    }

    [Fact]
    public void Oversample_respects_the_caps_like_synthetic_strategies()
    {
        var plan = Balancer.Plan(RealData, [], Config with { Target = 50, MaxSyntheticFractionPerLabel = 0.5 });
        Assert.Equal([10, 2, 5, 8], plan.PerLabel.Select(l => l.Added));
        Assert.All(plan.Shortfalls, l => Assert.Equal(ShortfallReason.LabelCap, l.Reason));
    }
}
