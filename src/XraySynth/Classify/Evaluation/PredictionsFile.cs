using System.Globalization;
using XraySynth.Common;
using XraySynth.Data;

namespace XraySynth.Classify.Evaluation;

/// <summary>A classifier's predictions on one split: image id, patient id, truth and probability per label.</summary>
/// <param name="ImageIds">Image ids in row order.</param>
/// <param name="PatientIds">Patient of each image (for patient-level bootstrap).</param>
/// <param name="Labels">Label names (columns).</param>
/// <param name="Truth">Ground truth [images × labels] (1/0).</param>
/// <param name="Probabilities">Predicted probabilities [images × labels].</param>
public sealed record Predictions(string[] ImageIds, string[] PatientIds, IReadOnlyList<string> Labels, double[,] Truth, double[,] Probabilities)
{
    /// <summary>Writes predictions.csv: image_id, patient_id, then truth_L and prob_L per label.</summary>
    public void Write(string path) => AtomicFile.WriteText(path, writer =>
    {
        using var csv = CsvTable.CreateWriter(writer);
        csv.WriteField("image_id");
        csv.WriteField("patient_id");
        foreach (string l in Labels) csv.WriteField("truth_" + l);
        foreach (string l in Labels) csv.WriteField("prob_" + l);
        csv.NextRecord();
        for (int i = 0; i < ImageIds.Length; i++)
        {
            csv.WriteField(ImageIds[i]);
            csv.WriteField(PatientIds[i]);
            for (int l = 0; l < Labels.Count; l++) csv.WriteField(Truth[i, l].ToString("0", CultureInfo.InvariantCulture));
            for (int l = 0; l < Labels.Count; l++) csv.WriteField(Probabilities[i, l].ToString("R", CultureInfo.InvariantCulture));
            csv.NextRecord();
        }
    });

    /// <summary>Reads a predictions.csv written by <see cref="Write"/>.</summary>
    /// <exception cref="DataError">Missing columns or unparsable numbers (file and line).</exception>
    public static Predictions Read(string path)
    {
        using var table = CsvTable.Open(path, ["image_id", "patient_id"]);
        var labels = table.Header.Where(h => h.StartsWith("prob_", StringComparison.Ordinal)).Select(h => h["prob_".Length..]).ToList();
        var ids = new List<string>();
        var patients = new List<string>();
        var truth = new List<double[]>();
        var probabilities = new List<double[]>();
        while (table.Read())
        {
            ids.Add(table.Get("image_id"));
            patients.Add(table.Get("patient_id"));
            truth.Add(labels.Select(l => Number(table, "truth_" + l)).ToArray());
            probabilities.Add(labels.Select(l => Number(table, "prob_" + l)).ToArray());
        }
        return new Predictions(ids.ToArray(), patients.ToArray(), labels, ToMatrix(truth, labels.Count), ToMatrix(probabilities, labels.Count));
    }

    /// <summary>The same predictions restricted to <paramref name="ids"/> in that order.</summary>
    /// <exception cref="UserError">An id is missing.</exception>
    public Predictions Align(IReadOnlyList<string> ids)
    {
        var index = ImageIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        var rows = ids.Select(id => index.TryGetValue(id, out int i) ? i : throw new UserError($"image '{id}' has no prediction in this run")).ToArray();
        var truth = new double[rows.Length, Labels.Count];
        var probabilities = new double[rows.Length, Labels.Count];
        for (int r = 0; r < rows.Length; r++)
            for (int l = 0; l < Labels.Count; l++) { truth[r, l] = Truth[rows[r], l]; probabilities[r, l] = Probabilities[rows[r], l]; }
        return this with { ImageIds = ids.ToArray(), PatientIds = rows.Select(r => PatientIds[r]).ToArray(), Truth = truth, Probabilities = probabilities };
    }

    static double Number(CsvTable table, string column)
    {
        string text = table.Get(column);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v : throw new DataError(table.File, table.Line, $"{column} '{text}': expected a number");
    }

    static double[,] ToMatrix(List<double[]> rows, int columns)
    {
        var m = new double[rows.Count, columns];
        for (int i = 0; i < rows.Count; i++) for (int j = 0; j < columns; j++) m[i, j] = rows[i][j];
        return m;
    }
}
