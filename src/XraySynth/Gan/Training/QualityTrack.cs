using System.Globalization;
using XraySynth.Common;
using static TorchSharp.torch;

namespace XraySynth.Gan.Training;

/// <summary>
/// FID and KID over training (<c>quality.csv</c> in the run folder: kimg, fid, kid), so FID-over-kimg can be plotted.
/// Every measurement generates the same <see cref="GanConfig.QualityImages"/> images (fixed latents from (seed, "gan/quality"),
/// conditions copied from randomly chosen training rows) with the moving-average generator in eval mode, using no global RNG,
/// so it never changes the training trajectory.
/// </summary>
public sealed class QualityTrack
{
    /// <summary>File name in the run folder.</summary>
    public const string FileName = "quality.csv";

    readonly string path;
    readonly IGanQualityProbe probe;
    readonly long seed;
    readonly float[,] conditions;

    /// <summary>
    /// Opens the run's quality.csv, keeping rows up to <paramref name="keepThroughKimg"/> (a resumed run redoes later ones) or
    /// starting it when null; conditions come from <paramref name="labelMatrix"/> rows of <paramref name="rows"/>.
    /// </summary>
    public QualityTrack(string runFolder, IGanQualityProbe probe, GanConfig config, long seed, float[,] labelMatrix, IReadOnlyList<int> rows, double? keepThroughKimg)
    {
        path = Path.Combine(runFolder, FileName);
        this.probe = probe;
        this.seed = seed;
        var random = SeedDerivation.CreateRandom(seed, "gan/quality/conditions");
        int labels = labelMatrix.GetLength(1);
        conditions = new float[config.QualityImages, labels];
        for (int i = 0; i < config.QualityImages; i++)
        {
            int row = rows[random.Next(rows.Count)];
            for (int l = 0; l < labels; l++) conditions[i, l] = labelMatrix[row, l];
        }
        var kept = new List<string>();
        if (File.Exists(path) && keepThroughKimg is double last)
            kept.AddRange(File.ReadLines(path).Skip(1).Where(line =>
                double.TryParse(line.Split(',')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double kimg) && kimg <= last + 1e-9));
        AtomicFile.WriteText(path, w => { w.Write("kimg,fid,kid\n"); foreach (string line in kept) w.Write(line + "\n"); });
    }

    /// <summary>Generates the fixed images at <paramref name="phase"/>, measures them and appends a row; returns the row's values.</summary>
    public (double Fid, double Kid) Measure(GanNetworks networks, TrainingPhase phase, double kimg, Device device, ScalarType dtype, int batchSize = 64)
    {
        int count = conditions.GetLength(0), labels = conditions.GetLength(1), size = networks.Resolution;
        var pixels = new byte[count * size * size];
        using (var noGrad = no_grad())
        {
            networks.Average.eval();
            using var all = SampleGrid.Latents(SeedDerivation.Derive(seed, "gan/quality"), count, 1, networks.LatentSize);
            using var allConditions = tensor(conditions);
            for (int start = 0; start < count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                int n = Math.Min(batchSize, count - start);
                var z = all.narrow(0, start, n).to(dtype).to(device);
                var y = allConditions.narrow(0, start, n).to(device);
                var images = networks.Generate(networks.Average, z, y, phase.Resolution, phase.Alpha);
                SampleGrid.ToBytes(images, size).CopyTo(pixels, (long)start * size * size);
            }
            networks.Average.train();
        }
        var (fid, kid) = probe.Measure(pixels, count, size);
        File.AppendAllText(path, string.Create(CultureInfo.InvariantCulture, $"{kimg:0.000},{fid:G6},{kid:G6}\n"));
        return (fid, kid);
    }
}
