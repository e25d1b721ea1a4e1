using XraySynth.Data.Images;

namespace XraySynth.Tests.Data.Cache;

public sealed class AreaResizeTests
{
    /// <summary>Independent reference: each output pixel integrates the source over its footprint in double precision.</summary>
    static double[,] Naive(GrayImage source, int width, int height)
    {
        var result = new double[height, width];
        double sx = (double)source.Width / width, sy = (double)source.Height / height;
        for (int oy = 0; oy < height; oy++)
            for (int ox = 0; ox < width; ox++)
            {
                double sum = 0;
                for (int y = 0; y < source.Height; y++)
                {
                    double wy = Math.Max(0, Math.Min((oy + 1) * sy, y + 1) - Math.Max(oy * sy, y));
                    for (int x = 0; x < source.Width && wy > 0; x++)
                    {
                        double wx = Math.Max(0, Math.Min((ox + 1) * sx, x + 1) - Math.Max(ox * sx, x));
                        sum += wx * wy * source[x, y];
                    }
                }
                result[oy, ox] = sum / (sx * sy);
            }
        return result;
    }

    [Fact]
    public void Four_to_one_is_the_box_mean()
    {
        var source = new GrayImage(4, 4, Enumerable.Range(0, 16).Select(i => (byte)(i * 10)).ToArray());
        var result = AreaResize.Resize(source, 1, 1);
        Assert.Equal((byte)Math.Round(Enumerable.Range(0, 16).Average(i => i * 10.0)), result[0, 0]);
    }

    [Fact]
    public void Halving_averages_each_two_by_two_block()
    {
        var source = TinyDataset.Pattern(8, 8, 3);
        var result = AreaResize.Resize(source, 4, 4);
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 4; x++)
            {
                double mean = (source[2 * x, 2 * y] + source[2 * x + 1, 2 * y] + source[2 * x, 2 * y + 1] + source[2 * x + 1, 2 * y + 1]) / 4.0;
                Assert.True(Math.Abs(result[x, y] - mean) <= 0.5 + 1e-4, $"({x},{y}): {result[x, y]} vs {mean}");
            }
    }

    [Theory]
    [InlineData(5, 5, 3, 3)]
    [InlineData(7, 5, 3, 2)]
    [InlineData(64, 64, 24, 24)]
    [InlineData(12, 8, 4, 2)]
    public void Non_integer_ratios_match_the_exact_area_integral(int sw, int sh, int w, int h)
    {
        var source = TinyDataset.Pattern(sw, sh, 11);
        var expected = Naive(source, w, h);
        var result = AreaResize.Resize(source, w, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                Assert.True(Math.Abs(result[x, y] - expected[y, x]) <= 0.5 + 1e-3, $"({x},{y}): {result[x, y]} vs {expected[y, x]:0.###}");
    }

    [Fact]
    public void Five_to_three_on_a_column_pattern_gives_the_hand_computed_values()
    {
        // Columns 0, 30, 60, 90, 120; output column 1 covers source 5/3..10/3: 1/3 of col 1, all of col 2, 1/3 of col 3.
        var source = new GrayImage(5, 5);
        for (int y = 0; y < 5; y++) for (int x = 0; x < 5; x++) source[x, y] = (byte)(30 * x);
        var result = AreaResize.Resize(source, 3, 3);
        // (0*1 + 30*(2/3)) / (5/3) = 12; (30/3 + 60 + 90/3) / (5/3) = 60; (90*(2/3) + 120) / (5/3) = 108.
        for (int y = 0; y < 3; y++)
        {
            Assert.Equal(12, result[0, y]);
            Assert.Equal(60, result[1, y]);
            Assert.Equal(108, result[2, y]);
        }
    }

    [Theory]
    [InlineData(1024, 256)]
    [InlineData(7, 3)]
    [InlineData(3, 7)]
    public void A_constant_image_stays_constant(int from, int to)
    {
        var source = new GrayImage(from, from, Enumerable.Repeat((byte)137, from * from).ToArray());
        Assert.All(AreaResize.Resize(source, to, to).Pixels, p => Assert.Equal(137, p));
    }
}
