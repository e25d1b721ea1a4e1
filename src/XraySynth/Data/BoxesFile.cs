using System.Globalization;

namespace XraySynth.Data;

/// <summary>Reads and writes boxes.csv (image id, label, x, y, w, h in original pixels).</summary>
public static class BoxesFile
{
    /// <summary>File name inside a dataset folder.</summary>
    public const string FileName = "boxes.csv";

    /// <summary>Columns in file order.</summary>
    public static readonly string[] Columns = ["image_id", "label", "x", "y", "w", "h"];

    /// <summary>Writes the boxes atomically; numbers round-trip exactly.</summary>
    public static void Write(string path, IEnumerable<BoxRecord> boxes) =>
        Common.AtomicFile.WriteText(path, writer =>
        {
            using var csv = CsvTable.CreateWriter(writer);
            foreach (string c in Columns) csv.WriteField(c);
            csv.NextRecord();
            foreach (var b in boxes)
            {
                csv.WriteField(b.ImageId);
                csv.WriteField(b.Label);
                foreach (double v in new[] { b.X, b.Y, b.W, b.H }) csv.WriteField(v.ToString("R", CultureInfo.InvariantCulture));
                csv.NextRecord();
            }
        });

    /// <summary>Reads every box; labels must be in the vocabulary, sizes positive.</summary>
    /// <exception cref="DataError">Every bad row, with its line.</exception>
    public static List<BoxRecord> Read(string path, LabelVocabulary vocabulary)
    {
        var boxes = new List<BoxRecord>();
        var issues = new List<DataIssue>();
        using var table = CsvTable.Open(path, Columns);
        while (table.Read())
        {
            int line = table.Line;
            string label = table.Get("label");
            var numbers = new double[4];
            bool ok = true;
            string[] names = ["x", "y", "w", "h"];
            for (int i = 0; i < 4; i++)
            {
                string text = table.Get(names[i]);
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i]))
                {
                    issues.Add(new DataIssue(path, line, $"{names[i]} '{text}': expected a number"));
                    ok = false;
                }
            }
            if (!vocabulary.Contains(label))
            {
                issues.Add(new DataIssue(path, line, $"unknown label '{label}'{Common.NameSuggester.Hint(label, vocabulary.Names)}"));
                ok = false;
            }
            if (ok && (numbers[2] <= 0 || numbers[3] <= 0))
            {
                issues.Add(new DataIssue(path, line, $"box {numbers[2]}x{numbers[3]}: width and height must be positive"));
                ok = false;
            }
            if (ok) boxes.Add(new BoxRecord(table.Get("image_id"), label, numbers[0], numbers[1], numbers[2], numbers[3]));
        }
        if (issues.Count > 0) throw new DataError(issues);
        return boxes;
    }
}
