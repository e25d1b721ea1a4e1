using XraySynth.Data.Images;
using XraySynth.Web.Endpoints;
using XraySynth.Web.Safety;

namespace XraySynth.Tests.Web;

public sealed class UploadedImageTests
{
    [Fact]
    public void Large_uploads_are_downscaled_to_the_stored_side_keeping_the_aspect_ratio()
    {
        var image = new GrayImage(300, 150);
        Array.Fill(image.Pixels, (byte)77);
        var fitted = UploadedImage.Decode(ImageCodec.EncodePng(image), "x.png", new UploadLimits { StoredSide = 100 });
        Assert.Equal((100, 50), (fitted.Width, fitted.Height));
        Assert.All(fitted.Pixels, p => Assert.Equal(77, p));
        Assert.Same(image, UploadedImage.Fit(image, 300));
    }

    [Fact]
    public void An_image_with_more_pixels_than_allowed_is_refused_from_its_header()
    {
        var png = ImageCodec.EncodePng(new GrayImage(200, 200));
        var error = Assert.Throws<UploadRejected>(() => UploadedImage.Decode(png, "huge.png", new UploadLimits { MaxPixels = 10_000 }));
        Assert.Equal(413, error.Status);
        Assert.Contains("200 × 200 pixels", error.Message);
    }

    [Theory]
    [InlineData("C:\\Users\\me\\scan.png", "scan.png")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("", "upload")]
    [InlineData("a\u0000b\nc.png", "abc.png")]
    public void Upload_names_are_reduced_to_a_display_name(string given, string expected) =>
        Assert.Equal(expected, DiagnoseEndpoints.SafeName(given));
}
