using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Images;
using XraySynth.Data.Phantom;

namespace XraySynth.Tests.Evaluate.Synthetic;

/// <summary>Tiny phantom datasets and synthetic-looking folders built from them for the quality and memorization tests.</summary>
public static class PhantomSets
{
    /// <summary>A phantom of <paramref name="count"/> <paramref name="size"/>-px images with patient-disjoint splits.</summary>
    public static Dataset Real(string folder, int count = 120, int size = 32, int seed = 1) =>
        PhantomGenerator.Generate(new PhantomConfig { Count = count, Size = size, Seed = seed }, folder, "test", false, NullReporter.Instance);

    /// <summary>
    /// A synthetic dataset folder whose images are <paramref name="images"/> of <paramref name="source"/> (the same PNG files,
    /// by absolute path), marked synthetic/train like a sampler's output, optionally with their pixels shuffled (a fixed random
    /// permutation per image, written as new PNGs). Ids get <paramref name="prefix"/>.
    /// </summary>
    public static Dataset Synthetic(string folder, Dataset source, IEnumerable<ImageRecord> images, bool shufflePixels = false, int seed = 0, string prefix = "syn-")
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var rows = new List<ImageRecord>();
        foreach (var image in images)
        {
            string path = source.FullPath(image);
            if (shufflePixels)
            {
                var decoded = ImageCodec.Decode(path);
                var pixels = (byte[])decoded.Pixels.Clone();
                random.Shuffle(pixels);
                path = Path.Combine(folder, "s-" + image.Id);
                ImageCodec.WritePng(new GrayImage(decoded.Width, decoded.Height, pixels), path);
            }
            rows.Add(image with { Id = prefix + image.Id, Path = path, PatientId = "synthetic", Split = Split.Train, Source = ImageSource.Synthetic });
        }
        var dataset = new Dataset(folder, source.Info with { Name = "synthetic" }, rows, []);
        dataset.Save();
        return dataset;
    }
}
