using Microsoft.AspNetCore.Http;
using XraySynth.Data.Images;

namespace XraySynth.Web.Endpoints;

/// <summary>Images answered as freshly encoded PNGs (never the bytes of a file or an upload as they were).</summary>
public static class ImageResponses
{
    /// <summary>Longest side of a grid thumbnail.</summary>
    public const int ThumbnailSide = 192;

    /// <summary><paramref name="image"/> as a PNG response, cacheable by the browser for an hour.</summary>
    public static IResult Png(GrayImage image) => Png(ImageCodec.EncodePng(image));

    /// <summary>PNG bytes as a response, cacheable by the browser for an hour.</summary>
    public static IResult Png(byte[] png) => new PngResult(png);

    sealed class PngResult(byte[] png) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.ContentType = "image/png";
            context.Response.Headers.CacheControl = "private, max-age=3600";
            context.Response.ContentLength = png.Length;
            return context.Response.Body.WriteAsync(png).AsTask();
        }
    }
}
