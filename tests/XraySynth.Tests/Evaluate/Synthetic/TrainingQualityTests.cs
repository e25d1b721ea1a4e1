using System.Globalization;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Evaluate.Synthetic;
using XraySynth.Gan.Training;
using XraySynth.Tests.Gan.Training;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Evaluate.Synthetic;

[Collection(GlobalRandomCollection.Name)]
public sealed class TrainingQualityTests
{
    [Fact]
    public void Quality_tracking_writes_fid_over_kimg_without_changing_training_and_survives_resume()
    {
        _ = TorchFixture.Cpu;
        using var temp = new TempDirectory();
        var data = TinyGanSetup.Phantom(temp.File("data"));
        var probe = new PixelQualityProbe(Dataset.Load(temp.File("data")), 40, seed: 3, CPU, NullReporter.Instance);
        var plain = TinyGanSetup.Train(TinyGanSetup.Config(temp.File("data"), temp.File("plain"), kimg: 0.096));
        var tracked = TinyGanSetup.Train(TinyGanSetup.Config(temp.File("data"), temp.File("tracked"), kimg: 0.096) with { QualityKimg = 0.032, QualityImages = 24 }, quality: probe);

        Assert.True(File.ReadAllBytes(plain.LastSnapshot).AsSpan().SequenceEqual(File.ReadAllBytes(tracked.LastSnapshot)), "tracking changed the trained weights");
        Assert.False(File.Exists(Path.Combine(plain.RunFolder, QualityTrack.FileName)));
        var rows = File.ReadAllLines(Path.Combine(tracked.RunFolder, QualityTrack.FileName));
        Assert.Equal("kimg,fid,kid", rows[0]);
        Assert.Equal(["0.032", "0.064", "0.096"], rows.Skip(1).Select(r => r.Split(',')[0]));
        Assert.All(rows.Skip(1), r =>
        {
            double fid = double.Parse(r.Split(',')[1], CultureInfo.InvariantCulture);
            Assert.True(double.IsFinite(fid) && fid > 0, r);
        });

        // Stop at 0.048 kimg and resume: the same rows and values as straight through.
        var first = TinyGanSetup.Train(TinyGanSetup.Config(temp.File("data"), temp.File("split"), kimg: 0.048) with { QualityKimg = 0.032, QualityImages = 24 }, quality: probe);
        var resumed = TinyGanSetup.Train(TinyGanSetup.Config(temp.File("data"), temp.File("split"), kimg: 0.096) with { QualityKimg = 0.032, QualityImages = 24 },
            resume: first.RunFolder, seed: 99, quality: probe);
        var again = File.ReadAllLines(Path.Combine(resumed.RunFolder, QualityTrack.FileName));
        // The first leg also measured at its last step (0.048); the resumed leg keeps it and continues.
        Assert.Equal(["0.032", "0.048", "0.064", "0.096"], again.Skip(1).Select(r => r.Split(',')[0]));
        Assert.Equal(rows[1..], again.Where(r => !r.StartsWith("0.048", StringComparison.Ordinal)).Skip(1));
    }
}
