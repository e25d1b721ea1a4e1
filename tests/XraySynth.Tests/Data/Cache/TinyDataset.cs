using XraySynth.Data;
using XraySynth.Data.Images;

namespace XraySynth.Tests.Data.Cache;

/// <summary>A small saved dataset of textured PNGs for cache and loader tests.</summary>
public static class TinyDataset
{
    /// <summary>Labels of the tiny vocabulary.</summary>
    public static readonly string[] Labels = ["Alpha", "Beta", "Gamma"];

    /// <summary>Writes <paramref name="count"/> <paramref name="size"/>-px images and a manifest into <paramref name="folder"/>; image i has label i % 4 (3 = none).</summary>
    public static Dataset Create(string folder, int count = 10, int size = 64)
    {
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        var images = new List<ImageRecord>();
        for (int i = 0; i < count; i++)
        {
            string id = $"img{i:000}.png";
            ImageCodec.WritePng(Pattern(size, size, i), Path.Combine(folder, "images", id));
            images.Add(new ImageRecord
            {
                Id = id, Path = "images/" + id, PatientId = $"p{i / 2}", Split = i % 5 == 4 ? Split.Test : Split.Train,
                Labels = i % 4 == 3 ? [] : [Labels[i % 4]], Width = size, Height = size,
            });
        }
        var dataset = new Dataset(folder, new DatasetInfo { Name = "tiny", Labels = Labels }, images, []);
        dataset.Save();
        return dataset;
    }

    /// <summary>A deterministic texture (gradient, stripes and hashed noise) that differs per <paramref name="seed"/>.</summary>
    public static GrayImage Pattern(int width, int height, int seed)
    {
        var image = new GrayImage(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int noise = (int)((uint)((x * 73856093) ^ (y * 19349663) ^ (seed * 83492791)) % 41);
                image[x, y] = (byte)Math.Clamp((x * 3 + y * 2 + seed * 17) % 180 + ((x / 4 + seed) % 2) * 20 + noise, 0, 255);
            }
        return image;
    }
}
