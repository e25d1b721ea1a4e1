using System.Runtime;
using XraySynth.Torch;

namespace XraySynth.Tests.Torch;

[Collection(XraySynth.Tests.TestSupport.GlobalRandomCollection.Name)]
public sealed class GcQuietStepTests
{
    [Fact]
    public void A_step_runs_without_collections_and_the_region_ends_with_it()
    {
        int before;
        using (GcQuietStep.Begin())
        {
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            before = GC.CollectionCount(0);
            var keep = new List<byte[]>();
            for (int i = 0; i < 100; i++) keep.Add(new byte[10_000]); // 1 MB, well inside the budget
            Assert.Equal(before, GC.CollectionCount(0));
            GC.KeepAlive(keep);
        }
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void A_step_that_outgrows_the_budget_ends_the_region_without_failing()
    {
        using (GcQuietStep.Begin())
        {
            for (int i = 0; i < 200; i++) _ = new byte[1_000_000]; // 200 MB > budget: the runtime collects and leaves the region
        }
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }
}
