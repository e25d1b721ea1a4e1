using XraySynth.Data.Cache;
using XraySynth.Data.Images;
using XraySynth.Detect.Boxes;

namespace XraySynth.Tests.Detect.Boxes;

public sealed class BoxTests
{
    [Fact]
    public void Iou_of_two_unit_offset_squares_is_one_seventh()
    {
        var a = new Box(0, 0, 2, 2);
        var b = new Box(1, 1, 3, 3);
        Assert.Equal(1.0 / 7, Box.Iou(a, b), 12); // overlap 1, union 4 + 4 − 1
        Assert.Equal(Box.Iou(a, b), Box.Iou(b, a));
        Assert.Equal(1, Box.Iou(a, a));
        Assert.Equal(0, Box.Iou(a, new Box(2, 0, 4, 2))); // touching edges do not overlap
        Assert.Equal(0, Box.Iou(default, default));
    }

    [Fact]
    public void Xywh_and_centre_forms_describe_the_same_box()
    {
        var box = Box.FromXywh(10, 20, 30, 40);
        Assert.Equal(new Box(10, 20, 40, 60), box);
        Assert.Equal(box, Box.FromCenter(25, 40, 30, 40));
        Assert.Equal(1200, box.Area);
    }

    [Fact]
    public void Resize_crop_and_flip_move_the_box_with_the_image()
    {
        var box = new Box(10, 20, 30, 40);
        Assert.Equal(new Box(5, 10, 15, 20), box.Scale(0.5, 0.5));
        Assert.Equal(new Box(0, 15, 20, 35), box.Crop(10, 5, 100, 100));
        Assert.Equal(new Box(0, 0, 15, 10), box.Crop(15, 30, 50, 50).Clip(15, 10)); // clipped to the window
        Assert.True(box.Crop(50, 50, 10, 10).IsEmpty);                              // outside the window
        Assert.Equal(new Box(70, 20, 90, 40), box.FlipHorizontal(100));
        Assert.Equal(box, box.FlipHorizontal(100).FlipHorizontal(100));
    }

    [Fact]
    public void Cache_geometry_follows_padding_to_a_square_and_resizing()
    {
        // 200 × 100 file: centred on a 200 square (50 rows above), then ×0.25 to 50 px.
        var box = Box.FromXywh(10, 20, 30, 40);
        var cached = CacheGeometry.ToCache(box, 200, 100, 50);
        Assert.Equal(new Box(2.5, 17.5, 10, 27.5), cached);
        var back = CacheGeometry.FromCache(cached, 200, 100, 50);
        Assert.Equal(box.X0, back.X0, 9);
        Assert.Equal(box.Y1, back.Y1, 9);
    }

    [Fact]
    public void Cached_box_sits_on_the_painted_rectangle_in_the_cached_pixels()
    {
        var image = new GrayImage(100, 60);
        for (int y = 10; y < 30; y++)
            for (int x = 20; x < 40; x++) image.Pixels[y * 100 + x] = 255;
        var cached = CachePreparer.ToCached(image, 50);
        var box = CacheGeometry.ToCache(Box.FromXywh(20, 10, 20, 20), 100, 60, 50);

        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (int y = 0; y < 50; y++)
            for (int x = 0; x < 50; x++)
                if (cached.Pixels[y * 50 + x] >= 128) { x0 = Math.Min(x0, x); y0 = Math.Min(y0, y); x1 = Math.Max(x1, x); y1 = Math.Max(y1, y); }
        Assert.Equal(new Box(x0, y0, x1 + 1, y1 + 1), box);
    }
}
