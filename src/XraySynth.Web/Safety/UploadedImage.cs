using SkiaSharp;
using XraySynth.Common;
using XraySynth.Data.Images;

namespace XraySynth.Web.Safety;

/// <summary>
/// An upload checked by decoding it: the bytes must be a PNG or JPEG within <see cref="UploadLimits"/>; what is kept
/// and ever served back is the decoded grayscale pixels re-encoded as PNG, never the uploaded bytes.
/// </summary>
public static class UploadedImage
{
    /// <summary>Decodes <paramref name="bytes"/> (named <paramref name="name"/> in messages) to grayscale, downscaled to the stored side.</summary>
    /// <exception cref="UploadRejected">Too large, not an image, or corrupt (the message says which).</exception>
    public static GrayImage Decode(byte[] bytes, string name, UploadLimits limits)
    {
        if (bytes.Length == 0) throw new UploadRejected(400, $"{name}: the file is empty");
        if (bytes.Length > limits.MaxBytes) throw TooLarge(name, bytes.Length, limits);
        string format;
        using (var data = SKData.CreateCopy(bytes))
        using (var codec = SKCodec.Create(data))
        {
            if (codec is null) throw new UploadRejected(415, $"{name}: not a PNG or JPEG image (its content could not be decoded)");
            format = codec.EncodedFormat.ToString();
            if (codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg))
                throw new UploadRejected(415, $"{name}: a {format} image; PNG or JPEG expected");
            long pixels = (long)codec.Info.Width * codec.Info.Height;
            if (pixels > limits.MaxPixels)
                throw new UploadRejected(413, $"{name}: {codec.Info.Width} × {codec.Info.Height} pixels is more than the {limits.MaxPixels:N0} allowed");
        }
        GrayImage image;
        try { image = ImageCodec.Decode(bytes, name); }
        catch (InvalidDataException e) { throw new UploadRejected(400, e.Message); }
        return Fit(image, limits.StoredSide);
    }

    /// <summary>The error for an upload of <paramref name="length"/> bytes over the cap.</summary>
    public static UploadRejected TooLarge(string name, long length, UploadLimits limits) =>
        new(413, $"{name}: {length:N0} bytes is more than the {limits.MaxBytes:N0}-byte upload limit");

    /// <summary><paramref name="image"/> area-downscaled so its longer side is at most <paramref name="side"/> (itself when it fits).</summary>
    public static GrayImage Fit(GrayImage image, int side)
    {
        int longer = Math.Max(image.Width, image.Height);
        if (longer <= side) return image;
        double scale = (double)side / longer;
        return AreaResize.Resize(image, Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)));
    }
}

/// <summary>An upload refused, with the HTTP status to answer and a message for the page.</summary>
/// <param name="status">413 too large, 415 not an image, 400 corrupt.</param>
/// <param name="message">What was wrong.</param>
public sealed class UploadRejected(int status, string message) : UserError(message)
{
    /// <summary>HTTP status code.</summary>
    public int Status { get; } = status;
}
