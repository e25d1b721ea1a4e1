using System.Globalization;
using XraySynth.Bench;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Cache;
using XraySynth.Data.Images;
using XraySynth.Data.Loading;
using XraySynth.Data.Loading.Augmentations;

// Data benchmark: decode+resize throughput (1024 px PNG -> 256 px) and prepared-cache loader batches/s.
// Usage: dotnet run -c Release --project bench/XraySynth.Bench [-- --images N --runs R]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
int imageCount = ArgValue("--images", 64);
int runs = ArgValue("--runs", 3);
string folder = Path.Combine(Path.GetTempPath(), "xraysynth-bench", Guid.NewGuid().ToString("N"));
try
{
    Console.WriteLine($"machine: {Environment.ProcessorCount} logical processors, .NET {Environment.Version}, {imageCount} images, median of {runs} runs");
    Dataset dataset = SyntheticRadiographs.WriteDataset(folder, imageCount, 1024);
    long pngBytes = dataset.Images.Sum(i => new FileInfo(dataset.FullPath(i)).Length);
    Console.WriteLine($"synthetic 1024 px gray PNGs: {pngBytes / imageCount / 1024.0:0} KiB each");

    // (a) Decode + resize, the work of 'data prepare'.
    string[] files = dataset.Images.Select(dataset.FullPath).ToArray();
    byte[][] encoded = files.Select(File.ReadAllBytes).ToArray();
    GrayImage decoded = ImageCodec.Decode(files[0]);
    Report("decode only (1 thread)", imageCount / Timing.MedianSeconds(() => { foreach (var b in encoded) ImageCodec.Decode(b, "bench"); }, runs), "img/s");
    Report("area resize 1024->256 only (1 thread)", 20 / Timing.MedianSeconds(() => { for (int i = 0; i < 20; i++) AreaResize.Resize(decoded, 256, 256); }, runs), "img/s");
    foreach (int workers in new[] { 1, 2 })
    {
        var config = new PrepareConfig { Size = 256, Workers = workers, Force = true };
        double seconds = Timing.MedianSeconds(() => CachePreparer.Prepare(dataset, config, NullReporter.Instance), runs);
        Report($"data prepare 1024->256, {workers} worker(s)", imageCount / seconds, "img/s");
    }

    // (b) Loader over the prepared cache: 128 px, batch 64, 32 batches per epoch (rows drawn with replacement).
    CachePreparer.Prepare(dataset, new PrepareConfig { Size = 128 }, NullReporter.Instance);
    using var cache = PreparedCache.Open(dataset, 128);
    var sampler = new WeightedSampler(RowSubset.All(dataset), Enumerable.Repeat(1.0, imageCount).ToArray(), seed: 1, epochLength: 64 * 32);
    var augmentation = new AugmentationPipeline([new RandomResizedCrop(0.8, 1, 0.9, 1.1), new RandomRotation(5), new BrightnessContrastJitter(0.1, 0.1)]);
    foreach (var (name, aug, workers) in new (string, IAugmentation?, int)[] { ("no augmentation", null, 1), ("crop+rotate+jitter", augmentation, 2), ("crop+rotate+jitter", augmentation, 1) })
    {
        var loader = new BatchLoader(cache, sampler, new LoaderOptions { BatchSize = 64, Prefetch = 4, Workers = workers, Seed = 1 }, aug);
        int epoch = 0;
        double seconds = Timing.MedianSeconds(() => { foreach (var batch in loader.Epoch(epoch++)) _ = batch.Count; }, runs);
        Report($"loader 128 px batch 64, {name}, {workers} worker(s)", loader.BatchesPerEpoch / seconds, "batches/s");
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static void Report(string what, double rate, string unit) => Console.WriteLine($"{what,-58} {rate,10:0.0} {unit}");

int ArgValue(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int v) ? v : fallback;
}
