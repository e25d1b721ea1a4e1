using SkiaSharp;
using XraySynth.Data.Images;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Data.Images;

public sealed class ImageCodecTests
{
    static byte[] EncodeColor(SKColorType type, SKAlphaType alpha, SKEncodedImageFormat format, Func<int, int, SKColor> color)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(4, 3, type, alpha));
        for (int y = 0; y < 3; y++)
            for (int x = 0; x < 4; x++) bitmap.SetPixel(x, y, color(x, y));
        using var data = bitmap.Encode(format, 100);
        return data.ToArray();
    }

    [Fact]
    public void Gray_png_round_trips_exactly()
    {
        var image = new GrayImage(5, 4, Enumerable.Range(0, 20).Select(i => (byte)(i * 12)).ToArray());
        var decoded = ImageCodec.Decode(ImageCodec.EncodePng(image), "x.png");
        Assert.Equal(image.Pixels, decoded.Pixels);
        Assert.Equal((5, 4), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Rgba_png_decodes_to_luma_of_the_colour_over_black()
    {
        byte[] png = EncodeColor(SKColorType.Rgba8888, SKAlphaType.Unpremul, SKEncodedImageFormat.Png,
            (x, y) => x == 0 ? new SKColor(255, 0, 0, 255) : x == 1 ? new SKColor(0, 255, 0, 255) : x == 2 ? new SKColor(200, 200, 200, 255) : new SKColor(255, 255, 255, 128));
        var gray = ImageCodec.Decode(png, "rgba.png");
        Assert.Equal(76, gray[0, 0]);     // 0.299 · 255
        Assert.Equal(149, gray[1, 0]);    // 0.587 · 255
        Assert.Equal(200, gray[2, 1]);
        Assert.InRange(gray[3, 2], 127, 129); // white at half alpha over black
    }

    [Fact]
    public void Opaque_colour_jpeg_decodes_to_gray()
    {
        byte[] jpeg = EncodeColor(SKColorType.Rgba8888, SKAlphaType.Opaque, SKEncodedImageFormat.Jpeg, (_, _) => new SKColor(120, 120, 120));
        var gray = ImageCodec.Decode(jpeg, "c.jpg");
        Assert.All(gray.Pixels, p => Assert.InRange(p, 115, 125));
    }

    [Fact]
    public void Truncated_png_names_the_file()
    {
        byte[] png = ImageCodec.EncodePng(new GrayImage(64, 64, Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray()));
        var error = Assert.Throws<InvalidDataException>(() => ImageCodec.Decode(png[..(png.Length / 2)], "cut.png"));
        Assert.StartsWith("cut.png: ", error.Message);
    }

    [Fact]
    public void Non_image_bytes_are_rejected_with_the_file_name()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("a.png"), "hello");
        Assert.Contains("a.png: not a decodable image", Assert.Throws<InvalidDataException>(() => ImageCodec.Decode(temp.File("a.png"))).Message);
    }
}
