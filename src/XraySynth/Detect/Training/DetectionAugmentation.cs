using XraySynth.Data.Loading.Augmentations;
using XraySynth.Detect.Boxes;

namespace XraySynth.Detect.Training;

/// <summary>
/// Box-aware training augmentation of one square uint8 image: an optional horizontal flip, a random square zoom crop
/// resized back to the full size (bilinear), and brightness/contrast jitter. Boxes follow the geometry; a box whose
/// centre leaves the crop is dropped, the others are clipped to it.
/// </summary>
public static class DetectionAugmentation
{
    /// <summary>Augments <paramref name="pixels"/> in place and returns the moved boxes.</summary>
    public static IReadOnlyList<LabeledBox> Apply(Span<byte> pixels, int size, IReadOnlyList<LabeledBox> boxes, DetectorConfig config, Random random)
    {
        IEnumerable<LabeledBox> moved = boxes;
        if (random.NextDouble() < config.FlipProbability)
        {
            for (int y = 0; y < size; y++) pixels.Slice(y * size, size).Reverse();
            moved = moved.Select(b => b with { Box = b.Box.FlipHorizontal(size) });
        }
        double scale = config.CropScaleMin + random.NextDouble() * (1 - config.CropScaleMin);
        double side = scale * size;
        double left = random.NextDouble() * (size - side), top = random.NextDouble() * (size - side);
        if (scale < 1)
        {
            byte[] source = pixels.ToArray();
            double step = side / size;
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                    pixels[y * size + x] = Bilinear.ToByte(Bilinear.Sample(source, size, (float)(left + (x + 0.5) * step - 0.5), (float)(top + (y + 0.5) * step - 0.5)));
            moved = moved
                .Where(b => b.Box.CenterX >= left && b.Box.CenterX < left + side && b.Box.CenterY >= top && b.Box.CenterY < top + side)
                .Select(b => b with { Box = b.Box.Crop(left, top, side, side).Scale(size / side, size / side) });
        }
        double contrast = 1 + (random.NextDouble() * 2 - 1) * config.Contrast;
        double brightness = (random.NextDouble() * 2 - 1) * config.Brightness * 255;
        if (contrast != 1 || brightness != 0)
            for (int i = 0; i < pixels.Length; i++) pixels[i] = Bilinear.ToByte((float)((pixels[i] - 127.5) * contrast + 127.5 + brightness));
        return moved.ToArray();
    }
}
