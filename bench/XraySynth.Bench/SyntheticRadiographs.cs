using XraySynth.Data;
using XraySynth.Data.Images;

namespace XraySynth.Bench;

/// <summary>Chest-like 8-bit test images (smooth anatomy-ish shading plus sensor noise), so PNG sizes are realistic.</summary>
public static class SyntheticRadiographs
{
    /// <summary>One <paramref name="size"/>-px image that differs per <paramref name="seed"/>.</summary>
    public static GrayImage Make(int size, int seed)
    {
        var image = new GrayImage(size, size);
        var random = new Random(seed);
        double cx = size * (0.48 + 0.04 * random.NextDouble()), cy = size * 0.5;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double dx = (x - cx) / size, dy = (y - cy) / size;
                double body = 200 - 260 * (dx * dx + 0.6 * dy * dy);                                    // bright mediastinum, darker edges
                double lungs = -70 * Math.Exp(-(Math.Pow(Math.Abs(dx) - 0.2, 2) + dy * dy) / 0.02);  // two dark lung fields
                double ribs = 10 * Math.Sin(y * 0.06 + Math.Abs(dx) * 8);
                uint h = (uint)(x * 73856093) ^ (uint)(y * 19349663) ^ (uint)(seed * 83492791);
                h ^= h >> 13; h *= 0x5bd1e995; h ^= h >> 15;
                double noise = (h % 13) - 6;                                                         // ±6 grey levels of noise
                image[x, y] = (byte)Math.Clamp(body + lungs + ribs + noise, 0, 255);
            }
        }
        return image;
    }

    /// <summary>Writes <paramref name="count"/> PNGs and a dataset manifest into <paramref name="folder"/>.</summary>
    public static Dataset WriteDataset(string folder, int count, int size)
    {
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        var images = new ImageRecord[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            string id = $"synthetic_{i:000}.png";
            ImageCodec.WritePng(Make(size, i), Path.Combine(folder, "images", id));
            images[i] = new ImageRecord
            {
                Id = id, Path = "images/" + id, PatientId = $"p{i}", Split = Split.Train, Width = size, Height = size,
                Labels = i % 3 == 0 ? ["Effusion"] : [],
            };
        });
        var dataset = new Dataset(folder, new DatasetInfo { Name = "bench", Labels = LabelVocabulary.Nih14.Names }, images, []);
        dataset.Save();
        return dataset;
    }
}
