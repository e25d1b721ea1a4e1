using XraySynth.Data.Images;
using XraySynth.Gan.Training;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Gan.Training;

public sealed class SampleGridTests
{
    /// <summary>Darkest pixel in columns [x0, x1) and rows [y0, y1) of a grid PNG (255 = all white).</summary>
    static byte Darkest(GrayImage image, int x0, int x1, int y0, int y1)
    {
        byte darkest = 255;
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
                darkest = Math.Min(darkest, image.Pixels[y * image.Width + x]);
        return darkest;
    }

    [Theory]
    [InlineData("0.1 kimg, fade 16, EMA generator, fixed latents")]
    [InlineData("0.1 kimg, stable 16, moving-average generator, fixed latents, and a caption far longer than any grid is wide")]
    public void Captions_and_row_titles_stay_inside_the_image_with_a_margin(string caption)
    {
        using var temp = new TempDirectory();
        const int size = 16, columns = 2, rows = 2;
        string[] titles = ["No Finding", "Pleural_Thickening and a much longer title than fits"];
        var pixels = Enumerable.Repeat((byte)255, rows * columns * size * size).ToArray();
        SampleGrid.Write(temp.File("grid.png"), pixels, size, rows, columns, titles, caption);

        var image = ImageCodec.Decode(temp.File("grid.png"));
        Assert.Equal(SampleGrid.TitleWidth + columns * (size + SampleGrid.Gap), image.Width);
        Assert.True(Darkest(image, 0, image.Width, 0, SampleGrid.CaptionHeight) < 128, "the caption is drawn");
        Assert.Equal(255, Darkest(image, image.Width - 4, image.Width, 0, SampleGrid.CaptionHeight));
        Assert.Equal(255, Darkest(image, SampleGrid.TitleWidth - 4, SampleGrid.TitleWidth, SampleGrid.CaptionHeight, image.Height));
    }
}
