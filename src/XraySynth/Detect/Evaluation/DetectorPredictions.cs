using System.Globalization;
using XraySynth.Data;
using XraySynth.Detect.Boxes;

namespace XraySynth.Detect.Evaluation;

/// <summary>
/// A detector's boxes on a set of images with their ground truth, both in prepared-cache pixels (the space the
/// metrics use; IoU is unchanged by the uniform scale to file pixels). <see cref="Write"/> writes file pixels.
/// </summary>
/// <param name="Images">The images, in evaluation order.</param>
/// <param name="Classes">Detection classes.</param>
/// <param name="CacheSize">Side of the cache the boxes refer to.</param>
/// <param name="Predicted">Boxes per image, by descending score.</param>
/// <param name="Truth">Ground-truth boxes per image (empty when unknown or none).</param>
public sealed record DetectorPredictions(IReadOnlyList<ImageRecord> Images, IReadOnlyList<string> Classes, int CacheSize,
    IReadOnlyList<DetectedBox>[] Predicted, IReadOnlyList<LabeledBox>[] Truth)
{
    /// <summary>Columns of predictions.csv.</summary>
    public static readonly string[] Columns = ["image_id", "patient_id", "label", "score", "x", "y", "w", "h"];

    /// <summary>Patient id of each image.</summary>
    public string[] PatientIds => Images.Select(i => i.PatientId).ToArray();

    /// <summary>Writes predictions.csv: one row per box, coordinates in the pixels of the image file.</summary>
    public void Write(string path) =>
        Common.AtomicFile.WriteText(path, writer =>
        {
            using var csv = CsvTable.CreateWriter(writer);
            foreach (string c in Columns) csv.WriteField(c);
            csv.NextRecord();
            for (int i = 0; i < Images.Count; i++)
            {
                var image = Images[i];
                foreach (var d in Predicted[i])
                {
                    var box = FilePixels(image, d.Box);
                    csv.WriteField(image.Id);
                    csv.WriteField(image.PatientId);
                    csv.WriteField(Classes[d.Class]);
                    csv.WriteField(d.Score.ToString("0.#####", CultureInfo.InvariantCulture));
                    foreach (double v in new[] { box.X0, box.Y0, box.Width, box.Height }) csv.WriteField(v.ToString("0.##", CultureInfo.InvariantCulture));
                    csv.NextRecord();
                }
            }
        });

    /// <summary>A cache-pixel box in the pixels of <paramref name="image"/>'s file (cache pixels when its size is unknown).</summary>
    public Box FilePixels(ImageRecord image, Box box) =>
        image.Width > 0 && image.Height > 0 ? CacheGeometry.FromCache(box, image.Width, image.Height, CacheSize) : box;

    /// <summary>The boxes of predicted class as <see cref="BoxRecord"/>s in file pixels, those scoring at least <paramref name="minScore"/> (pseudo-labels).</summary>
    public IEnumerable<BoxRecord> AsBoxRecords(double minScore) =>
        Images.SelectMany((image, i) => Predicted[i].Where(d => d.Score >= minScore).Select(d =>
        {
            var box = FilePixels(image, d.Box);
            return new BoxRecord(image.Id, Classes[d.Class], box.X0, box.Y0, box.Width, box.Height);
        }));
}
