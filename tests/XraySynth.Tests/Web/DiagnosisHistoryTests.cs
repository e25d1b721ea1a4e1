using XraySynth.Tests.TestSupport;
using XraySynth.Web.Diagnosis;
using XraySynth.Web.History;

namespace XraySynth.Tests.Web;

public sealed class DiagnosisHistoryTests
{
    static DiagnosisResult Result(string top) => new(
        [new Finding(top, 0.9), new Finding("Mass", 0.2)], [new FoundBox(top, 0.8, 1, 2, 3, 4, BoxSources.Detector)], "classifier-1", null);

    [Fact]
    public void Diagnoses_are_added_listed_newest_first_kept_across_reopening_and_deleted()
    {
        using var temp = new TempDirectory();
        string file = temp.File("history/h.sqlite");
        var time = new DateTimeOffset(2026, 11, 24, 10, 30, 0, TimeSpan.FromHours(2));
        long first, second;
        using (var history = DiagnosisHistory.Open(file))
        {
            first = history.Add("a.png", [1, 2, 3], 10, 20, Result("Nodule"), time).Id;
            var added = history.Add("b.png", [4, 5], 30, 40, Result("Hernia"), time.AddMinutes(1));
            second = added.Id;
            Assert.Equal("2026-11-24T08:31:00Z", added.TimeUtc);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(new byte[] { 4, 5 })), added.ImageSha256);
        }
        using (var history = DiagnosisHistory.Open(file))
        {
            var list = history.List();
            Assert.Equal([second, first], list.Select(d => d.Id));
            var b = list[0];
            Assert.Equal(("b.png", 30, 40), (b.ImageName, b.Width, b.Height));
            Assert.Equal("Hernia", b.Result.Findings[0].Label);
            Assert.Equal(new FoundBox("Hernia", 0.8, 1, 2, 3, 4, BoxSources.Detector), b.Result.Boxes[0]);
            Assert.Null(b.Result.Detector);
            Assert.Equal(new byte[] { 1, 2, 3 }, history.Image(first));
            Assert.True(history.Delete(first));
            Assert.False(history.Delete(first));
            Assert.Null(history.Get(first));
            Assert.Null(history.Image(first));
            Assert.Equal([second], history.List().Select(d => d.Id));
        }
    }
}
