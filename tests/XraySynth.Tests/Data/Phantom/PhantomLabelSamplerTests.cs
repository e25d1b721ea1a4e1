using XraySynth.Data;
using XraySynth.Data.Phantom;

namespace XraySynth.Tests.Data.Phantom;

public sealed class PhantomLabelSamplerTests
{
    static double[] Frequencies(PhantomConfig config, int draws, int seed)
    {
        var sampler = new PhantomLabelSampler(config);
        var random = new Random(seed);
        var counts = new double[PhantomFindings.All.Count];
        for (int i = 0; i < draws; i++)
            foreach (var f in sampler.Draw(random)) counts[(int)f]++;
        return counts.Select(c => c / draws).ToArray();
    }

    [Fact]
    public void Default_prevalences_follow_the_documented_long_tail()
    {
        var config = new PhantomConfig();
        var observed = Frequencies(config, 40_000, 7);
        foreach (var finding in PhantomFindings.All)
        {
            double p = config.Prevalence(finding);
            double tolerance = 4 * Math.Sqrt(p * (1 - p) / 40_000);
            Assert.InRange(observed[(int)finding], p - tolerance, p + tolerance);
        }
        Assert.Equal(PhantomFinding.Cardiomegaly, PhantomFindings.All.MaxBy(f => observed[(int)f]));
        Assert.Equal(PhantomFinding.Hernia, PhantomFindings.All.MinBy(f => observed[(int)f]));
        Assert.InRange(observed[(int)PhantomFinding.Cardiomegaly], 0.13, 0.17);
        Assert.InRange(observed[(int)PhantomFinding.Hernia], 0.007, 0.013);
    }

    [Fact]
    public void Effusion_co_occurs_with_cardiomegaly_but_keeps_its_marginal()
    {
        var config = new PhantomConfig { EffusionWithCardiomegaly = 3 };
        var sampler = new PhantomLabelSampler(config);
        var random = new Random(11);
        int n = 40_000, effusion = 0, cardio = 0, both = 0;
        for (int i = 0; i < n; i++)
        {
            var labels = sampler.Draw(random);
            bool c = labels.Contains(PhantomFinding.Cardiomegaly), e = labels.Contains(PhantomFinding.Effusion);
            cardio += c ? 1 : 0; effusion += e ? 1 : 0; both += c && e ? 1 : 0;
        }
        Assert.InRange(effusion / (double)n, 0.10, 0.12);
        Assert.InRange(both / (double)cardio, 0.28, 0.38); // 3 × 11 % given Cardiomegaly
    }

    [Fact]
    public void Zero_prevalences_give_no_findings_and_one_gives_all()
    {
        var none = new PhantomConfig
        {
            CardiomegalyPrevalence = 0, EffusionPrevalence = 0, MassPrevalence = 0, NodulePrevalence = 0,
            PneumothoraxPrevalence = 0, ConsolidationPrevalence = 0, HerniaPrevalence = 0,
        };
        Assert.All(Frequencies(none, 2000, 1), f => Assert.Equal(0, f));
        var all = none with
        {
            CardiomegalyPrevalence = 1, EffusionPrevalence = 1, MassPrevalence = 1, NodulePrevalence = 1,
            PneumothoraxPrevalence = 1, ConsolidationPrevalence = 1, HerniaPrevalence = 1,
        };
        Assert.All(Frequencies(all, 2000, 1), f => Assert.Equal(1, f));
    }

    [Fact]
    public void Vocabulary_uses_nih_names_in_nih_order()
    {
        var names = PhantomFindings.Vocabulary.Names;
        Assert.True(names.Count >= 6);
        var positions = names.Select(n => LabelVocabulary.Nih14.IndexOf(n)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }
}
