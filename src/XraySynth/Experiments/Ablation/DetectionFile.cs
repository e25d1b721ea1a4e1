using System.Text.Json;
using XraySynth.Common;
using XraySynth.Detect.Boxes;
using XraySynth.Evaluate.Detection;

namespace XraySynth.Experiments.Ablation;

/// <summary>
/// A detection cell's test-split boxes as the metrics need them (<c>detections-test.json</c>): per image its id, patient,
/// ground-truth and predicted boxes in cache pixels. The detection summary is recomputed from these files.
/// </summary>
/// <param name="Classes">Class names, by index.</param>
/// <param name="ImageIds">Image ids.</param>
/// <param name="PatientIds">Patient of each image (the bootstrap's unit).</param>
/// <param name="Images">Truth and predictions per image.</param>
public sealed record DetectionFile(IReadOnlyList<string> Classes, string[] ImageIds, string[] PatientIds, IReadOnlyList<DetectionImage> Images)
{
    sealed record BoxJson(int C, double X0, double Y0, double X1, double Y1, float S);
    sealed record ImageJson(string Id, string Patient, BoxJson[] Truth, BoxJson[] Predicted);
    sealed record FileJson(IReadOnlyList<string> Classes, ImageJson[] Images);

    /// <summary>Writes the file atomically.</summary>
    public void Write(string path)
    {
        var json = new FileJson(Classes, [.. Images.Select((image, i) => new ImageJson(ImageIds[i], PatientIds[i],
            [.. image.Truth.Select(t => new BoxJson(t.Class, t.Box.X0, t.Box.Y0, t.Box.X1, t.Box.Y1, 1))],
            [.. image.Predicted.Select(p => new BoxJson(p.Class, p.Box.X0, p.Box.Y0, p.Box.X1, p.Box.Y1, p.Score))]))]);
        AtomicFile.WriteText(path, w => w.Write(JsonSerializer.Serialize(json)));
    }

    /// <summary>Reads a file written by <see cref="Write"/>.</summary>
    /// <exception cref="UserError">Missing or unreadable.</exception>
    public static DetectionFile Read(string path)
    {
        if (!File.Exists(path)) throw new UserError($"{path}: detection cell output missing; run the cell again");
        FileJson json;
        try { json = JsonSerializer.Deserialize<FileJson>(File.ReadAllText(path)) ?? throw new UserError($"{path}: empty"); }
        catch (JsonException e) { throw new UserError($"{path}: not a detections file ({e.Message})", e); }
        return new DetectionFile(json.Classes, [.. json.Images.Select(i => i.Id)], [.. json.Images.Select(i => i.Patient)],
            [.. json.Images.Select(i => new DetectionImage(
                [.. i.Truth.Select(b => new LabeledBox(new Box(b.X0, b.Y0, b.X1, b.Y1), b.C))],
                [.. i.Predicted.Select(b => new DetectedBox(new Box(b.X0, b.Y0, b.X1, b.Y1), b.C, b.S))]))]);
    }

    /// <summary>The same file with its images in the order of <paramref name="ids"/>.</summary>
    public DetectionFile Align(IReadOnlyList<string> ids)
    {
        var index = ImageIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        int[] rows = [.. ids.Select(id => index.TryGetValue(id, out int i) ? i : throw new UserError($"image '{id}' has no detections in this cell"))];
        return new DetectionFile(Classes, [.. ids], [.. rows.Select(r => PatientIds[r])], [.. rows.Select(r => Images[r])]);
    }

    /// <summary>Per-class AP@0.5, AP@[.5:.95] and CPM of these detections.</summary>
    public IReadOnlyList<DetectionScore> Scores()
    {
        var statistics = ClassStatistics.For(Images, Classes.Count, 0.5);
        return [.. Classes.Select((label, c) => new DetectionScore(label, Images.Sum(i => i.Truth.Count(t => t.Class == c)),
            statistics[c].Ap50(null), statistics[c].Ap(null), statistics[c].Froc(null).Average()))];
    }
}
