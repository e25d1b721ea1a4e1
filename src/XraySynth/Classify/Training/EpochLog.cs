using System.Globalization;

namespace XraySynth.Classify.Training;

/// <summary>log.csv of a classifier run: one row per epoch with the per-label validation AUROC. Rewritten up to the resumed epoch on resume.</summary>
public sealed class EpochLog
{
    readonly string path;

    /// <summary>Opens the log; keeps rows up to <paramref name="keepThroughEpoch"/> (a new file when null).</summary>
    public EpochLog(string path, int? keepThroughEpoch, IReadOnlyList<string> labels)
    {
        this.path = path;
        var kept = new List<string>();
        if (File.Exists(path) && keepThroughEpoch is int last)
            kept.AddRange(File.ReadLines(path).Skip(1).Where(l => int.TryParse(l.Split(',')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int e) && e <= last));
        string header = "epoch,step,train_loss,val_mean_auroc,learning_rate,img_per_s,best," + string.Join(',', labels.Select(l => "val_auroc_" + l));
        File.WriteAllLines(path, [header, .. kept]);
    }

    /// <summary>Appends an epoch.</summary>
    public void Write(int epoch, long step, double trainLoss, double meanAuroc, double learningRate, double imagesPerSecond, double[] perLabel, bool best)
    {
        string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
        File.AppendAllText(path, string.Join(',', new[]
        {
            epoch.ToString(CultureInfo.InvariantCulture), step.ToString(CultureInfo.InvariantCulture), F(trainLoss), F(meanAuroc), F(learningRate),
            imagesPerSecond.ToString("0.0", CultureInfo.InvariantCulture), best ? "1" : "0",
        }.Concat(perLabel.Select(F))) + "\n");
    }
}
