using XraySynth.Evaluate.Synthetic;

namespace XraySynth.Tests.Evaluate.Synthetic;

/// <summary>quality.md's caveat on floors measured on few held-out real images.</summary>
public sealed class QualityFilesTests
{
    static QualityRow Row(string? label, int floorCount) =>
        new(label, 300, floorCount, 9, 1, 0.008, 0.001, -0.0139, 0.5, 0.3, 0.2, 0.3, 0.8, 0.9, 1, 0.8);

    [Fact]
    public void Floors_from_fewer_than_fifty_held_out_images_are_marked_and_listed_with_their_size()
    {
        var report = new QualityReport("pixels-32", "real", "syn", Row(null, 739), [Row("Pneumonia", 50), Row("Hernia", 6), Row("Fibrosis", 22)], null);
        string md = QualityFiles.Markdown(report);
        Assert.Contains("| all | 300 | 739 |", md);
        Assert.Contains("| Pneumonia | 300 | 50 |", md);
        Assert.Contains("| Hernia † | 300 | 6 |", md);
        Assert.Contains("† floor from fewer than 50 held-out real images (Hernia 6, Fibrosis 22)", md);
    }

    [Fact]
    public void Large_floors_carry_no_caveat()
    {
        string md = QualityFiles.Markdown(new QualityReport("pixels-32", "real", "syn", Row(null, 739), [Row("Effusion", 120)], null));
        Assert.DoesNotContain("†", md);
    }
}
