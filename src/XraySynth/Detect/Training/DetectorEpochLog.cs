using System.Globalization;

namespace XraySynth.Detect.Training;

/// <summary>log.csv of a detector run: one row per epoch with the loss terms and per-class validation AP@0.5. Rewritten up to the resumed epoch on resume.</summary>
public sealed class DetectorEpochLog
{
    readonly string path;

    /// <summary>Opens the log; keeps rows up to <paramref name="keepThroughEpoch"/> (a new file when null).</summary>
    public DetectorEpochLog(string path, int? keepThroughEpoch, IReadOnlyList<string> classes)
    {
        this.path = path;
        var kept = new List<string>();
        if (File.Exists(path) && keepThroughEpoch is int last)
            kept.AddRange(File.ReadLines(path).Skip(1).Where(l => int.TryParse(l.Split(',')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int e) && e <= last));
        string header = "epoch,step,train_loss,heatmap_loss,size_loss,offset_loss,val_map50,learning_rate,img_per_s,best," +
                        string.Join(',', classes.Select(c => "val_ap50_" + c.Replace(' ', '_')));
        Common.AtomicFile.WriteText(path, w => { w.WriteLine(header); foreach (string line in kept) w.WriteLine(line); });
    }

    /// <summary>Appends an epoch.</summary>
    public void Write(int epoch, long step, double[] losses, double map50, double learningRate, double imagesPerSecond, double[] perClass, bool best)
    {
        string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
        File.AppendAllText(path, string.Join(',', new[] { epoch.ToString(CultureInfo.InvariantCulture), step.ToString(CultureInfo.InvariantCulture) }
            .Concat(losses.Select(F)).Concat([F(map50), F(learningRate), imagesPerSecond.ToString("0.0", CultureInfo.InvariantCulture), best ? "1" : "0"])
            .Concat(perClass.Select(F))) + "\n");
    }
}
