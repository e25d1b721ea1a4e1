using System.Globalization;
using System.Text.RegularExpressions;

namespace XraySynth.Data.Import;

/// <summary>
/// Reads NIH's label file: Data_Entry_2017.csv (full set), sample_labels.csv (Kaggle sample, ages like "058Y")
/// or labels.csv (a subset with the same columns). Labels must match <see cref="LabelVocabulary.Nih14"/> exactly.
/// </summary>
public static partial class NihLabelFile
{
    /// <summary>Label file names looked for in the source folder, in order.</summary>
    public static readonly IReadOnlyList<string> FileNames = ["Data_Entry_2017.csv", "Data_Entry_2017_v2020.csv", "sample_labels.csv", "labels.csv"];

    /// <summary>Columns the importer needs.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns = ["Image Index", "Finding Labels", "Patient ID"];

    /// <summary>Every valid row; bad rows (unknown label, bad patient id or age, duplicate image) go to <paramref name="issues"/>.</summary>
    public static List<NihLabelRow> Read(string path, ImportIssues issues)
    {
        var rows = new List<NihLabelRow>(capacity: 1024);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        using var table = CsvTable.Open(path, RequiredColumns);
        int imageColumn = ColumnIndex(table, "Image Index"), labelColumn = ColumnIndex(table, "Finding Labels"), patientColumn = ColumnIndex(table, "Patient ID");
        int required = Math.Max(imageColumn, Math.Max(labelColumn, patientColumn)) + 1;
        while (table.Read())
        {
            int line = table.Line;
            if (table.FieldCount < required)
            {
                issues.Add(path, line, $"malformed row: {table.FieldCount} field(s), expected at least {required} (Image Index, Finding Labels, ..., Patient ID)");
                continue;
            }
            string image = table.Get(imageColumn).Trim();
            if (image.Length == 0) { issues.Add(path, line, "empty Image Index"); continue; }
            if (!seen.TryAdd(image, line)) { issues.Add(path, line, $"duplicate Image Index '{image}' (first on line {seen[image]})"); continue; }
            if (!LabelVocabulary.Nih14.TryParse(table.Get(labelColumn), out var labels, out string? problem))
            {
                issues.Add(path, line, $"{image}: {problem}");
                continue;
            }
            string patientText = table.Get(patientColumn).Trim();
            if (!TryPatientId(patientText, out string patient))
            {
                issues.Add(path, line, $"{image}: Patient ID '{patientText}': expected a number (e.g. 13 or 00000013)");
                continue;
            }
            string ageText = table.GetOrEmpty("Patient Age").Trim();
            if (!TryAge(ageText, out int? age))
            {
                issues.Add(path, line, $"{image}: Patient Age '{ageText}': expected years like 58 or 058Y (or 11M, 3W, 20D)");
                continue;
            }
            rows.Add(new NihLabelRow(line, image, labels, patient, age, table.GetOrEmpty("Patient Gender").Trim(), table.GetOrEmpty("View Position").Trim()));
        }
        return rows;
    }

    /// <summary>
    /// NIH writes patient ids as numbers (13); the Image Index writes them zero-padded (00000013_005.png).
    /// Both become the 8-digit padded form, so ids match file names and read the same from every label file.
    /// </summary>
    public static bool TryPatientId(string text, out string patient)
    {
        patient = "";
        if (text.Length == 0 || text.Length > 18 || !text.All(char.IsAsciiDigit)) return false;
        patient = long.Parse(text, CultureInfo.InvariantCulture).ToString("D8", CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Age in whole years from "58", "058Y", "011M", "003W" or "020D" (sample_labels.csv); "" gives null.</summary>
    public static bool TryAge(string text, out int? years)
    {
        years = null;
        if (text.Length == 0) return true;
        var match = AgePattern().Match(text);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int value)) return false;
        years = match.Groups[2].Value.ToUpperInvariant() switch
        {
            "M" => value / 12,
            "W" => value / 52,
            "D" => value / 365,
            _ => value,
        };
        return true;
    }

    static int ColumnIndex(CsvTable table, string name)
    {
        for (int i = 0; i < table.Header.Count; i++)
            if (table.Header[i].Trim() == name) return i;
        throw new InvalidOperationException($"column '{name}' was checked by CsvTable.Open");
    }

    [GeneratedRegex("^([0-9]{1,3})([YyMmWwDd]?)$")]
    private static partial Regex AgePattern();
}
