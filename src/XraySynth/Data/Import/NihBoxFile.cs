using System.Globalization;

namespace XraySynth.Data.Import;

/// <summary>
/// Reads NIH's BBox_List_2017.csv. Its header is odd (<c>Image Index,Finding Label,Bbox [x,y,w,h],,,</c>),
/// so x, y, w, h are read by position (fields 3-6). Coordinates are in the 1024-px space NIH ships images in.
/// NIH writes 'Infiltrate' here for the label 'Infiltration'; it is mapped.
/// </summary>
public static class NihBoxFile
{
    /// <summary>File name in the source folder.</summary>
    public const string FileName = "BBox_List_2017.csv";

    /// <summary>Size of the square image space the box coordinates refer to.</summary>
    public const double BoxSpace = 1024;

    /// <summary>Box-file label names that differ from the label file's: box name → NIH14 name.</summary>
    public static readonly IReadOnlyDictionary<string, string> LabelAliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Infiltrate"] = "Infiltration",
    };

    /// <summary>Every valid box; bad rows go to <paramref name="issues"/>.</summary>
    public static List<NihBoxRow> Read(string path, ImportIssues issues)
    {
        var boxes = new List<NihBoxRow>();
        using var table = CsvTable.Open(path, ["Image Index", "Finding Label"]);
        string[] names = ["x", "y", "w", "h"];
        while (table.Read())
        {
            int line = table.Line;
            if (table.FieldCount < 6)
            {
                issues.Add(path, line, $"malformed row: {table.FieldCount} field(s), expected Image Index, Finding Label, x, y, w, h");
                continue;
            }
            string image = table.Get(0).Trim();
            string label = table.Get(1).Trim();
            label = LabelAliases.GetValueOrDefault(label, label);
            if (!LabelVocabulary.Nih14.Contains(label))
            {
                issues.Add(path, line, $"{image}: unknown label '{label}'{Common.NameSuggester.Hint(label, LabelVocabulary.Nih14.Names)}");
                continue;
            }
            var v = new double[4];
            string? bad = null;
            for (int i = 0; i < 4 && bad is null; i++)
            {
                string text = table.Get(2 + i).Trim();
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !double.IsFinite(v[i]))
                    bad = $"{image}: {names[i]} '{text}': expected a number";
            }
            if (bad is null && (v[2] <= 0 || v[3] <= 0)) bad = $"{image}: box {v[2]}x{v[3]}: width and height must be positive";
            if (bad is not null) { issues.Add(path, line, bad); continue; }
            boxes.Add(new NihBoxRow(line, image, label, v[0], v[1], v[2], v[3]));
        }
        return boxes;
    }
}
