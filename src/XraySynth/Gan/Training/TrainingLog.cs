using System.Globalization;

namespace XraySynth.Gan.Training;

/// <summary>One row of log.csv.</summary>
public sealed record TrainingLogRow(long Step, double Kimg, string Phase, int Resolution, double Alpha, int Batch,
    double DiscriminatorLoss, double GeneratorLoss, double GradientPenalty, double LearningRate, double ImagesPerSecond,
    double GpuMemoryMib, string Event);

/// <summary>
/// The training log, <c>log.csv</c>: one row every few steps plus events (snapshot, rollback, resume). On resume the
/// rows after the snapshot's step are dropped first, so the log reads as one run.
/// </summary>
public sealed class TrainingLog : IDisposable
{
    /// <summary>Column names.</summary>
    public static readonly string[] Columns =
        ["step", "kimg", "phase", "resolution", "alpha", "batch", "loss_d", "loss_g", "gradient_penalty", "learning_rate", "img_per_s", "gpu_memory_mib", "event"];

    readonly StreamWriter writer;

    /// <summary>Opens <paramref name="path"/>, keeping rows up to <paramref name="keepThroughStep"/> (all rows if null, none if the file is new).</summary>
    public TrainingLog(string path, long? keepThroughStep)
    {
        var kept = new List<string>();
        if (File.Exists(path) && keepThroughStep is long last)
            kept.AddRange(File.ReadLines(path).Skip(1).Where(line =>
                long.TryParse(line.Split(',')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long step) && step <= last));
        writer = new StreamWriter(path, append: false) { NewLine = "\n", AutoFlush = true };
        writer.WriteLine(string.Join(',', Columns));
        foreach (string line in kept) writer.WriteLine(line);
    }

    /// <summary>Appends a row (flushed at once, so a crash loses nothing written).</summary>
    public void Write(TrainingLogRow r) => writer.WriteLine(string.Join(',',
        F(r.Step), F(r.Kimg, "0.000"), r.Phase, F(r.Resolution), F(r.Alpha, "0.0000"), F(r.Batch), F(r.DiscriminatorLoss, "G6"), F(r.GeneratorLoss, "G6"),
        F(r.GradientPenalty, "G6"), F(r.LearningRate, "G6"), F(r.ImagesPerSecond, "0.0"), F(r.GpuMemoryMib, "0"), r.Event));

    static string F(long v) => v.ToString(CultureInfo.InvariantCulture);

    static string F(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public void Dispose() => writer.Dispose();
}
