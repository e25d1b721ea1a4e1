using XraySynth.Data.Images;

namespace XraySynth.Data.Import;

/// <summary>
/// The check every imported image passes. By default it is cheap enough for 112k files: the header is parsed
/// (<see cref="ImageCodec.ReadSize"/>, giving the size) and the file's end marker is read (PNG IEND chunk,
/// JPEG EOI), which catches the usual damage (a download or extraction cut short) without decoding pixels.
/// With <c>verify</c> (--verify-images) every image is decoded fully, which also finds corrupt data inside.
/// </summary>
public static class ImageFileCheck
{
    /// <summary>File extensions taken as images (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg"];

    static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    static ReadOnlySpan<byte> PngEnd => [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    /// <summary>Whether <paramref name="path"/> has an image extension.</summary>
    public static bool IsImage(string path) =>
        Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>Checks <paramref name="path"/>; on success gives its size, else says what is wrong (without the path).</summary>
    public static bool TryCheck(string path, bool verify, out int width, out int height, out string? problem)
    {
        width = height = 0;
        try
        {
            problem = CheckEnds(path);
            if (problem is not null) return false;
            if (verify)
            {
                var image = ImageCodec.Decode(path);
                (width, height) = (image.Width, image.Height);
            }
            else (width, height) = ImageCodec.ReadSize(path);
            if (width <= 0 || height <= 0) { problem = $"image size {width}x{height}"; return false; }
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            string message = e.Message;
            string prefix = path + ": ";
            problem = message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
            return false;
        }
    }

    /// <summary>Null when the file starts and ends like a PNG or JPEG, else the problem.</summary>
    static string? CheckEnds(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        if (stream.Length == 0) return "empty file";
        Span<byte> head = stackalloc byte[8];
        int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        Span<byte> tail = stackalloc byte[64];
        int tailLength = (int)Math.Min(tail.Length, stream.Length);
        stream.Seek(-tailLength, SeekOrigin.End);
        tail = tail[..stream.ReadAtLeast(tail[..tailLength], tailLength, throwOnEndOfStream: false)];
        if (read == 8 && head.SequenceEqual(PngSignature))
            return tail.EndsWith(PngEnd) ? null : "truncated PNG (no IEND chunk at the end of the file)";
        if (read >= 2 && head[0] == 0xFF && head[1] == 0xD8)
            return tail.IndexOf([(byte)0xFF, (byte)0xD9]) >= 0 ? null : "truncated JPEG (no end-of-image marker at the end of the file)";
        return "not a PNG or JPEG file";
    }
}
