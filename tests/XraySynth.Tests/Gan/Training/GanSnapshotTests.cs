using XraySynth.Common;
using XraySynth.Gan.Training;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Gan.Training;

[Collection(XraySynth.Tests.TestSupport.GlobalRandomCollection.Name)]
public sealed class GanSnapshotTests
{
    [Fact]
    public void A_write_killed_midway_leaves_the_previous_file_intact_and_no_temp_file()
    {
        using var temp = new TempDirectory();
        string path = temp.File("snapshot-000000001.xsnap");
        AtomicFile.WriteBinary(path, s => s.Write(new byte[] { 1, 2, 3 }));
        Assert.Throws<IOException>(() => AtomicFile.WriteBinary(path, s =>
        {
            s.Write(new byte[] { 9, 9, 9, 9, 9 });
            throw new IOException("disk full (simulated crash mid-write)");
        }));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void The_newest_snapshot_survives_an_interrupted_write_and_still_loads()
    {
        using var temp = new TempDirectory();
        TinyGanSetup.Phantom(temp.File("data"));
        var result = TinyGanSetup.Train(TinyGanSetup.Config(temp.File("data"), temp.File("runs"), kimg: 0.048));
        var run = RunFolder.Open(result.RunFolder);
        string latest = run.LatestSnapshot();
        // A crash while writing the next snapshot leaves only a temp file beside it (never a partial .xsnap).
        File.WriteAllBytes(latest + ".1234.deadbeef.tmp", new byte[100]);
        Assert.Equal(latest, run.LatestSnapshot());
        using var generator = XraySynth.Gan.Sampling.TrainedGenerator.Load(result.RunFolder, null, TorchFixture.Cpu.Device);
        Assert.Equal(result.State, generator.State);
    }

    [Fact]
    public void A_truncated_snapshot_is_reported_with_its_path()
    {
        using var temp = new TempDirectory();
        TinyGanSetup.Phantom(temp.File("data"));
        var result = TinyGanSetup.Train(TinyGanSetup.Config(temp.File("data"), temp.File("runs"), kimg: 0.016));
        byte[] bytes = File.ReadAllBytes(result.LastSnapshot);
        File.WriteAllBytes(result.LastSnapshot, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<UserError>(() => XraySynth.Gan.Sampling.TrainedGenerator.Load(result.RunFolder, null, TorchFixture.Cpu.Device));
        Assert.Contains(result.LastSnapshot, error.Message);
        Assert.Contains("truncated or corrupt", error.Message);
        File.WriteAllText(result.LastSnapshot, "not a snapshot");
        Assert.Contains("not an XraySynth GAN snapshot", Assert.Throws<UserError>(() => GanSnapshot.ReadHeader(result.LastSnapshot)).Message);
    }
}
