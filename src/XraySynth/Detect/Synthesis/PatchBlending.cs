using XraySynth.Data.Images;
using XraySynth.Data.Loading.Augmentations;
using XraySynth.Detect.Boxes;

namespace XraySynth.Detect.Synthesis;

/// <summary>
/// Pastes a lesion patch into an image with a feathered alpha: the patch is resized (bilinear) so its lesion box
/// becomes the target box, its brightness is matched to the image (the mean of its context border is moved to the
/// mean of the image under that border), and it is blended with alpha 1 on the lesion box, falling smoothly to 0 at
/// the patch edge. The lesion therefore lands exactly on the target box, which is what the detector is taught.
/// </summary>
public static class PatchBlending
{
    /// <summary>Blends <paramref name="patch"/> into <paramref name="image"/> (in place) with its lesion on <paramref name="target"/>; returns the emitted box (clipped to the image).</summary>
    public static Box Paste(GrayImage image, LesionPatch patch, Box target)
    {
        if (patch.Lesion.IsEmpty || target.IsEmpty) throw new ArgumentException("empty lesion or target box");
        double sx = target.Width / patch.Lesion.Width, sy = target.Height / patch.Lesion.Height;
        // The patch's corner lands where the lesion's offset inside it, scaled, puts it.
        double left = target.X0 - patch.Lesion.X0 * sx, top = target.Y0 - patch.Lesion.Y0 * sy;
        var placed = new Box(left, top, left + patch.Pixels.Width * sx, top + patch.Pixels.Height * sy);
        int x0 = Math.Max(0, (int)Math.Floor(placed.X0)), y0 = Math.Max(0, (int)Math.Floor(placed.Y0));
        int x1 = Math.Min(image.Width, (int)Math.Ceiling(placed.X1)), y1 = Math.Min(image.Height, (int)Math.Ceiling(placed.Y1));

        // Each covered pixel: its patch value (sampled at its centre), its alpha, and whether it is context border.
        var values = new List<(int Index, float Patch, double Alpha, bool Border)>();
        double borderPatch = 0, borderImage = 0;
        int borderCount = 0;
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
            {
                double u = (x + 0.5 - left) / sx, v = (y + 0.5 - top) / sy; // patch coordinates (continuous)
                if (u < 0 || v < 0 || u > patch.Pixels.Width || v > patch.Pixels.Height) continue;
                float p = Sample(patch.Pixels, u - 0.5, v - 0.5);
                double alpha = Alpha(x + 0.5, y + 0.5, target, placed);
                bool border = alpha < 1;
                if (border) { borderPatch += p; borderImage += image.Pixels[y * image.Width + x]; borderCount++; }
                values.Add((y * image.Width + x, p, alpha, border));
            }
        double shift = borderCount > 0 ? (borderImage - borderPatch) / borderCount : 0;
        foreach (var (index, p, alpha, _) in values)
        {
            double background = image.Pixels[index];
            image.Pixels[index] = Bilinear.ToByte((float)(background + alpha * (p + shift - background)));
        }
        return target.Clip(image.Width, image.Height);
    }

    /// <summary>Bilinear value of a rectangular image at (x, y), pixel centres at integers, clamped to the edges.</summary>
    static float Sample(GrayImage image, double x, double y)
    {
        x = Math.Clamp(x, 0, image.Width - 1);
        y = Math.Clamp(y, 0, image.Height - 1);
        int xa = (int)x, ya = (int)y, xb = Math.Min(xa + 1, image.Width - 1), yb = Math.Min(ya + 1, image.Height - 1);
        double fx = x - xa, fy = y - ya;
        double top = image[xa, ya] + fx * (image[xb, ya] - image[xa, ya]);
        double bottom = image[xa, yb] + fx * (image[xb, yb] - image[xa, yb]);
        return (float)(top + fy * (bottom - top));
    }

    /// <summary>1 on the lesion box, a smoothstep down to 0 at the placed patch's edge.</summary>
    static double Alpha(double x, double y, Box lesion, Box placed)
    {
        static double Ramp(double t, double inner0, double inner1, double outer0, double outer1)
        {
            if (t >= inner0 && t <= inner1) return 1;
            double d = t < inner0 ? (inner0 - t) / Math.Max(1e-9, inner0 - outer0) : (t - inner1) / Math.Max(1e-9, outer1 - inner1);
            double s = Math.Clamp(1 - d, 0, 1);
            return s * s * (3 - 2 * s);
        }
        return Math.Min(Ramp(x, lesion.X0, lesion.X1, placed.X0, placed.X1), Ramp(y, lesion.Y0, lesion.Y1, placed.Y0, placed.Y1));
    }
}
