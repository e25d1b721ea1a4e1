using XraySynth.Data;
using XraySynth.Data.Phantom;

namespace XraySynth.Tests.Data.Phantom;

public sealed class PhantomPlannerTests
{
    [Fact]
    public void Plan_has_the_requested_count_and_patients_with_one_to_max_follow_ups()
    {
        var config = new PhantomConfig { Count = 500, Seed = 4, MaxFollowUps = 5 };
        var plan = PhantomPlanner.Plan(config);
        Assert.Equal(500, plan.Count);
        Assert.Equal(Enumerable.Range(0, 500), plan.Select(p => p.Index));
        Assert.Equal(500, plan.Select(p => p.Id).Distinct().Count());
        var perPatient = plan.GroupBy(p => p.Patient.Id).Select(g => g.Count()).ToList();
        Assert.All(perPatient, n => Assert.InRange(n, 1, 5));
        Assert.Contains(perPatient, n => n > 1);
        Assert.True(perPatient.Count(n => n == 1) > perPatient.Count(n => n == 3)); // geometric-ish
        Assert.Matches("^P[0-9]{5}_[0-9]{3}\\.png$", plan[0].Id);
        Assert.All(plan, p => Assert.Contains(p.ViewPosition, new[] { "PA", "AP" }));
        Assert.True(plan.Count(p => p.ViewPosition == "PA") > plan.Count(p => p.ViewPosition == "AP"));
    }

    [Fact]
    public void Every_image_of_a_patient_is_in_the_patients_split_and_fractions_are_near_the_config()
    {
        var config = new PhantomConfig { Count = 2000, Seed = 9 };
        var plan = PhantomPlanner.Plan(config);
        foreach (var patient in plan.GroupBy(p => p.Patient.Id))
            Assert.Single(patient.Select(p => p.Patient.Split).Distinct());
        var patients = plan.Select(p => p.Patient).DistinctBy(p => p.Id).ToList();
        double Fraction(Split s) => patients.Count(p => p.Split == s) / (double)patients.Count;
        Assert.InRange(Fraction(Split.Train), 0.69, 0.71);
        Assert.InRange(Fraction(Split.Val), 0.09, 0.11);
        Assert.InRange(Fraction(Split.Test), 0.19, 0.21);
    }

    [Fact]
    public void Splits_are_a_seeded_shuffle()
    {
        var a = PhantomPlanner.AssignSplits(100, 0.7, 0.1, seed: 1);
        Assert.Equal(a, PhantomPlanner.AssignSplits(100, 0.7, 0.1, seed: 1));
        Assert.NotEqual(a, PhantomPlanner.AssignSplits(100, 0.7, 0.1, seed: 2));
        Assert.Equal(70, a.Count(s => s == Split.Train));
        Assert.Equal(10, a.Count(s => s == Split.Val));
    }

    [Fact]
    public void Invalid_settings_are_reported_with_what_was_expected()
    {
        var error = Assert.Throws<XraySynth.Common.UserError>(() =>
            new PhantomConfig { Size = 100, Count = 0, TrainFraction = 0.8, ValFraction = 0.3 }.Checked());
        Assert.Contains("power of two", error.Message);
        Assert.Contains("at least 1", error.Message);
        Assert.Contains("at most 1", error.Message);
    }
}
