using XraySynth.Detect.Boxes;
using XraySynth.Web.Diagnosis;

namespace XraySynth.Tests.Web;

public sealed class GradCamRegionTests
{
    [Fact]
    public void The_region_is_the_box_of_the_connected_hot_area_around_the_peak()
    {
        var cam = new float[6, 8];
        // Hot blob around (x 2..4, y 1..3) with its peak at (3, 2); a separate hot pixel at (7, 5) is not connected.
        for (int y = 1; y <= 3; y++)
            for (int x = 2; x <= 4; x++) cam[y, x] = 0.6f;
        cam[2, 3] = 1f;
        cam[5, 7] = 0.9f;
        cam[0, 0] = 0.4f;   // below half the peak
        Assert.Equal(new Box(2, 1, 5, 4), GradCamRegion.Find(cam));
        // A lower threshold takes in the corner cell only if connected: (0,0) is not adjacent to the blob.
        Assert.Equal(new Box(2, 1, 5, 4), GradCamRegion.Find(cam, 0.3));
        cam[0, 1] = 0.4f; cam[1, 1] = 0.4f;   // now connected through (1,0)-(1,1)
        Assert.Equal(new Box(0, 0, 5, 4), GradCamRegion.Find(cam, 0.3));
    }

    [Fact]
    public void A_map_without_positive_evidence_has_no_region()
    {
        Assert.Null(GradCamRegion.Find(new float[4, 4]));
        var single = new float[3, 3];
        single[1, 2] = 0.2f;
        Assert.Equal(new Box(2, 1, 3, 2), GradCamRegion.Find(single));
    }
}
