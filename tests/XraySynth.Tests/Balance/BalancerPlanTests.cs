using XraySynth.Balance;
using XraySynth.Common;
using XraySynth.Data;
using static XraySynth.Tests.Balance.BalanceFixture;

namespace XraySynth.Tests.Balance;

/// <summary>Balancer.Plan on in-memory manifests (no files): targets, caps, multi-label counting, determinism, errors.</summary>
public sealed class BalancerPlanTests
{
    static readonly string Root = Path.Combine(Path.GetTempPath(), "xraysynth-balance-in-memory");

    /// <summary>Train: Effusion 10, Hernia 2, Mass 5, Nodule 8, padded to 100 images.</summary>
    static Dataset RealData(int trainImages = 100) =>
        Real(Path.Combine(Root, "real"), trainImages, ("Effusion", 10), ("Hernia", 2), ("Mass", 5), ("Nodule", 8));

    static Dataset Pool(params (string, int)[] conditions) => Synthetic(Path.Combine(Root, "syn"), "syn", conditions);

    static Dataset Large() => Pool(("Effusion", 30), ("Hernia", 30), ("Mass", 30), ("Nodule", 30));

    static BalanceConfig NoCaps(BalanceStrategy strategy) =>
        new() { Strategy = strategy, MaxSyntheticFraction = 1, MaxSyntheticFractionPerLabel = 1 };

    static LabelBalance Label(BalancePlan plan, string name) => plan.PerLabel.Single(l => l.Label == name);

    [Fact]
    public void Target_count_brings_every_label_below_the_target_exactly_to_it_and_leaves_the_others()
    {
        var plan = Balancer.Plan(RealData(), [Large()], NoCaps(BalanceStrategy.TargetCount) with { Target = 9 });
        Assert.Equal([10, 9, 9, 9], plan.PerLabel.Select(l => l.After));
        Assert.Equal([false, true, true, true], plan.PerLabel.Select(l => l.Chosen));
        Assert.Equal(7 + 4 + 1, plan.Additions.Count);
        Assert.Empty(plan.Shortfalls);
        Assert.All(plan.Additions, a => Assert.Equal((Split.Train, ImageSource.Synthetic), (a.Split, a.Source)));
    }

    [Fact]
    public void Match_median_tops_labels_up_to_the_median_rounded_up()
    {
        // Counts 2, 5, 8, 10: median (5 + 8) / 2 = 6.5 → 7.
        var plan = Balancer.Plan(RealData(), [Large()], NoCaps(BalanceStrategy.MatchMedian));
        Assert.Equal([10, 7, 7, 8], plan.PerLabel.Select(l => l.After));
        Assert.All(plan.Chosen, l => Assert.Equal(7, l.Target));
    }

    [Fact]
    public void Match_max_tops_every_label_up_to_the_commonest()
    {
        var plan = Balancer.Plan(RealData(), [Large()], NoCaps(BalanceStrategy.MatchMax));
        Assert.Equal([10, 10, 10, 10], plan.PerLabel.Select(l => l.After));
        Assert.Equal(8 + 5 + 2, plan.Additions.Count);
    }

    [Fact]
    public void Ratio_adds_r_times_the_real_positives_of_every_label_rounding_half_away_from_zero()
    {
        var plan = Balancer.Plan(RealData(), [Large()], NoCaps(BalanceStrategy.Ratio) with { Ratio = 0.5 });
        // 10 → +5, 2 → +1, 5 → +2.5 → +3, 8 → +4.
        Assert.Equal([5, 1, 3, 4], plan.PerLabel.Select(l => l.Added));
        Assert.All(plan.PerLabel, l => Assert.True(l.Chosen));
    }

    [Fact]
    public void A_short_pool_gives_what_it_has_and_reports_the_shortfall()
    {
        var plan = Balancer.Plan(RealData(), [Pool(("Hernia", 3), ("Mass", 30))], NoCaps(BalanceStrategy.TargetCount) with { Target = 9 });
        var hernia = Label(plan, "Hernia");
        Assert.Equal((3, 5, 4, ShortfallReason.PoolExhausted), (hernia.Added, hernia.After, hernia.Shortfall, hernia.Reason));
        Assert.Equal(9, Label(plan, "Mass").After);
        var nodule = Label(plan, "Nodule");
        Assert.Equal((0, 1, ShortfallReason.NotInPool), (nodule.Added, nodule.Shortfall, nodule.Reason));
        Assert.Equal(["Hernia", "Nodule"], plan.Shortfalls.Select(l => l.Label));
        Assert.Contains("sample more", BalanceReport.Explain(hernia, plan));
        Assert.Contains("gan sample --labels Nodule", BalanceReport.Explain(nodule, plan));
    }

    [Fact]
    public void Labels_no_synthetic_image_carries_share_one_warning()
    {
        // Only Hernia was sampled: Nodule and Effusion (targets 9) are not in the pool, Hernia runs out.
        var plan = Balancer.Plan(RealData(), [Pool(("Hernia", 3))], NoCaps(BalanceStrategy.TargetCount) with { Target = 9 });
        var warnings = BalanceReport.ShortfallWarnings(plan);
        var notInPool = plan.Shortfalls.Where(l => l.Reason == ShortfallReason.NotInPool).Select(l => l.Label).ToList();
        Assert.True(notInPool.Count >= 2);
        Assert.Equal(2, warnings.Count);
        Assert.StartsWith("Hernia: 5 of 9 train positives (4 short)", warnings[0]);
        Assert.Contains($"no synthetic image carries {string.Join(", ", notInPool)} ({notInPool.Count} labels", warnings[1]);
        Assert.Contains($"gan sample --labels {string.Join(',', notInPool)}", warnings[1]);
    }

    [Fact]
    public void The_overall_cap_holds_even_when_targets_ask_for_more()
    {
        // 100 train images at 5%: at most floor(0.05 × 100 / 0.95) = 5 added.
        var config = NoCaps(BalanceStrategy.TargetCount) with { Target = 50, MaxSyntheticFraction = 0.05 };
        var plan = Balancer.Plan(RealData(), [Large()], config);
        Assert.Equal(5, plan.OverallCap);
        Assert.Equal(5, plan.Additions.Count);
        Assert.True(plan.SyntheticFraction <= 0.05);
        Assert.All(plan.Shortfalls, l => Assert.Equal(ShortfallReason.OverallCap, l.Reason));
        Assert.Equal(4, plan.Shortfalls.Count());
    }

    [Fact]
    public void The_per_label_cap_holds_even_when_targets_ask_for_more()
    {
        // At 50% a label may gain as many synthetic positives as it has real ones.
        var config = NoCaps(BalanceStrategy.TargetCount) with { Target = 50, MaxSyntheticFractionPerLabel = 0.5 };
        var plan = Balancer.Plan(RealData(), [Large()], config);
        Assert.Equal([10, 2, 5, 8], plan.PerLabel.Select(l => l.Added));
        Assert.All(plan.PerLabel, l => Assert.True(l.SyntheticFraction <= 0.5));
        Assert.All(plan.PerLabel, l => Assert.Equal(ShortfallReason.LabelCap, l.Reason));
    }

    [Fact]
    public void The_per_label_cap_also_binds_labels_gained_only_through_multi_label_images()
    {
        // Hernia (10 real, cap 10 at 50%) is topped up; Mass is not chosen but has 1 real positive, so cap 1.
        // The 3 Hernia-only images come first (fewer other labels), then one Hernia|Mass; then Mass's cap blocks the rest.
        var real = Real(Path.Combine(Root, "real"), 100, ("Hernia", 10), ("Mass", 1));
        var config = NoCaps(BalanceStrategy.TargetCount) with { Labels = ["Hernia"], Target = 20, MaxSyntheticFractionPerLabel = 0.5 };
        var plan = Balancer.Plan(real, [Pool(("Hernia|Mass", 30), ("Hernia", 3))], config);
        Assert.Equal((4, 1), (Label(plan, "Hernia").Added, Label(plan, "Mass").Added));
        Assert.Equal(["Hernia", "Hernia", "Hernia", "Hernia|Mass"], plan.Additions.Select(a => string.Join('|', a.Labels)));
        Assert.Equal(ShortfallReason.CoLabelCap, Label(plan, "Hernia").Reason);
    }

    [Fact]
    public void A_multi_label_synthetic_image_counts_for_every_label_it_carries()
    {
        var config = NoCaps(BalanceStrategy.TargetCount) with { Labels = ["Hernia"], Target = 6 };
        var plan = Balancer.Plan(RealData(), [Pool(("Effusion|Hernia", 10))], config);
        Assert.Equal(4, plan.Additions.Count);
        Assert.Equal((4, 6), (Label(plan, "Hernia").Added, Label(plan, "Hernia").After));
        Assert.Equal((4, 14), (Label(plan, "Effusion").Added, Label(plan, "Effusion").After));
        Assert.False(Label(plan, "Effusion").Chosen);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Greedy_prefers_images_that_fill_several_deficits_so_a_tight_cap_still_reaches_every_target(long seed)
    {
        // Hernia and Mass each lack 2; only 2 images may be added: the two Hernia|Mass images reach both targets,
        // any single-label image would leave one short.
        var config = NoCaps(BalanceStrategy.TargetCount) with { Labels = ["Hernia", "Mass"], Target = 4, MaxSyntheticFraction = 0.02, Seed = seed };
        var real = Real(Path.Combine(Root, "real"), 100, ("Hernia", 2), ("Mass", 2));
        var plan = Balancer.Plan(real, [Pool(("Hernia", 10), ("Mass", 10), ("Hernia|Mass", 2))], config);
        Assert.Equal(2, plan.OverallCap);
        Assert.All(plan.Additions, a => Assert.Equal(["Hernia", "Mass"], a.Labels));
        Assert.Equal((4, 4), (Label(plan, "Hernia").After, Label(plan, "Mass").After));
        Assert.Empty(plan.Shortfalls);
    }

    [Fact]
    public void Greedy_serves_the_label_with_the_largest_deficit_first()
    {
        // Cap 3: Hernia lacks 7 and Mass 4, so Hernia gets the first picks (7 > 4, 6 > 4, 5 > 4).
        var config = NoCaps(BalanceStrategy.TargetCount) with { Target = 9, Labels = ["Hernia", "Mass"], MaxSyntheticFraction = 0.03 };
        var plan = Balancer.Plan(RealData(), [Large()], config);
        Assert.Equal(3, plan.Additions.Count);
        Assert.All(plan.Additions, a => Assert.Equal(["Hernia"], a.Labels));
    }

    [Fact]
    public void The_same_seed_gives_the_same_selection_and_another_seed_another()
    {
        var pool = Pool(("Hernia", 200), ("Mass", 200));
        var config = NoCaps(BalanceStrategy.TargetCount) with { Target = 20 };
        string Ids(long seed) => string.Join(",", Balancer.Plan(RealData(), [pool], config with { Seed = seed }).Additions.Select(a => a.Id));
        Assert.Equal(Ids(7), Ids(7));
        Assert.NotEqual(Ids(7), Ids(8));
    }

    [Fact]
    public void Additions_reference_the_synthetic_files_by_absolute_path_with_their_provenance()
    {
        var pool = Pool(("Hernia", 10));
        var plan = Balancer.Plan(RealData(), [pool], NoCaps(BalanceStrategy.TargetCount) with { Labels = ["Hernia"], Target = 5 });
        var source = pool.Images.ToDictionary(i => i.Id);
        Assert.All(plan.Additions, a =>
        {
            Assert.Equal(pool.FullPath(source[a.Id]), a.Path);
            Assert.Equal(source[a.Id] with { Path = a.Path }, a);
        });
    }

    [Fact]
    public void A_synthetic_source_with_other_labels_is_rejected_naming_the_difference()
    {
        var other = new Dataset(Path.Combine(Root, "other"), new DatasetInfo { Name = "x", Labels = ["Effusion", "Hernia", "Pneumonia"] }, [], []);
        var error = Assert.Throws<DataError>(() => Balancer.Plan(RealData(), [other], new BalanceConfig()));
        Assert.Contains("label vocabulary differs", error.Message);
        Assert.Contains("lacks Mass, Nodule", error.Message);
        Assert.Contains("has Pneumonia", error.Message);
    }

    [Fact]
    public void Real_rows_in_a_synthetic_source_and_repeated_ids_are_rejected()
    {
        var pool = Pool(("Hernia", 2));
        var mixed = pool.With(images: [.. pool.Images, Row("r0000", Split.Train, "Hernia") with { Source = ImageSource.Synthetic }, Row("x", Split.Train, "Mass")]);
        var error = Assert.Throws<DataError>(() => Balancer.Plan(RealData(), [mixed], new BalanceConfig()));
        Assert.Contains(error.Issues, i => i.Message.Contains("'r0000' is also in"));
        Assert.Contains(error.Issues, i => i.Message.Contains("image 'x' is real"));
    }

    [Fact]
    public void Synthetic_strategies_need_sources_and_oversample_takes_none()
    {
        Assert.Contains("needs at least one synthetic", Assert.Throws<UserError>(() => Balancer.Plan(RealData(), [], new BalanceConfig())).Message);
        Assert.Contains("takes no synthetic", Assert.Throws<UserError>(() =>
            Balancer.Plan(RealData(), [Large()], new BalanceConfig { Strategy = BalanceStrategy.Oversample })).Message);
    }

    [Fact]
    public void An_unknown_label_is_rejected_with_the_nearest_name()
    {
        var error = Assert.Throws<UserError>(() => Balancer.Plan(RealData(), [Large()], new BalanceConfig { Labels = ["Hernai"] }));
        Assert.Contains("did you mean 'Hernia'", error.Message);
    }

    [Fact]
    public void A_dataset_that_already_holds_synthetic_images_is_not_balanced_again()
    {
        var real = RealData();
        var merged = real.With(images: [.. real.Images, .. Large().Images.Take(1)]);
        Assert.Contains("already holds 1 synthetic", Assert.Throws<DataError>(() => Balancer.Plan(merged, [Pool(("Hernia", 1))], new BalanceConfig())).Message);
    }
}
