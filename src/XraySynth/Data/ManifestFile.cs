using System.Globalization;

namespace XraySynth.Data;

/// <summary>Reads and writes manifest.csv (one row per image). Write then read gives back equal records.</summary>
public static class ManifestFile
{
    /// <summary>File name inside a dataset folder.</summary>
    public const string FileName = "manifest.csv";

    /// <summary>Columns in file order.</summary>
    public static readonly string[] Columns =
    [
        "id", "path", "patient_id", "split", "source", "labels", "view_position", "age", "sex", "width", "height",
        "generator_hash", "generator_seed", "truncation",
    ];

    /// <summary>Writes <paramref name="images"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IEnumerable<ImageRecord> images, LabelVocabulary vocabulary) =>
        Common.AtomicFile.WriteText(path, writer =>
        {
            using var csv = CsvTable.CreateWriter(writer);
            foreach (string c in Columns) csv.WriteField(c);
            csv.NextRecord();
            foreach (var r in images)
            {
                csv.WriteField(r.Id);
                csv.WriteField(r.Path);
                csv.WriteField(r.PatientId);
                csv.WriteField(ManifestEnums.Format(r.Split));
                csv.WriteField(ManifestEnums.Format(r.Source));
                csv.WriteField(vocabulary.Format(r.Labels));
                csv.WriteField(r.ViewPosition);
                csv.WriteField(r.Age?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(r.Sex);
                csv.WriteField(r.Width.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(r.Height.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(r.GeneratorHash ?? "");
                csv.WriteField(r.GeneratorSeed?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(r.Truncation?.ToString("R", CultureInfo.InvariantCulture) ?? "");
                csv.NextRecord();
            }
        });

    /// <summary>Reads every row; all problems are collected and thrown together with file and line.</summary>
    /// <exception cref="DataError">Missing columns, bad values, unknown labels, duplicate ids.</exception>
    public static List<ImageRecord> Read(string path, LabelVocabulary vocabulary)
    {
        var images = new List<ImageRecord>();
        var issues = new List<DataIssue>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        using var table = CsvTable.Open(path, Columns.Take(11));
        while (table.Read())
        {
            int line = table.Line;
            void Bad(string message) => issues.Add(new DataIssue(path, line, message));
            int before = issues.Count;

            string id = table.Get("id").Trim();
            if (id.Length == 0) Bad("empty id");
            else if (seen.TryGetValue(id, out int first)) Bad($"duplicate id '{id}' (first on line {first})");
            else seen[id] = line;
            string file = table.Get("path");
            if (file.Trim().Length == 0) Bad($"empty path for '{id}'");
            string patient = table.Get("patient_id").Trim();
            if (patient.Length == 0) Bad($"empty patient_id for '{id}'");
            Split? split = ManifestEnums.ParseSplit(table.Get("split"));
            if (split is null) Bad($"split '{table.Get("split")}': expected train, val or test");
            ImageSource? source = ManifestEnums.ParseSource(table.Get("source"));
            if (source is null) Bad($"source '{table.Get("source")}': expected real or synthetic");
            if (!vocabulary.TryParse(table.Get("labels"), out var labels, out string? labelProblem)) Bad(labelProblem!);
            int? age = ParseOptionalInt(table.Get("age"), "age", Bad);
            int width = ParseInt(table.Get("width"), "width", Bad);
            int height = ParseInt(table.Get("height"), "height", Bad);
            long? seed = null;
            if (table.GetOrEmpty("generator_seed") is { Length: > 0 } seedText)
            {
                if (long.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out long s)) seed = s;
                else Bad($"generator_seed '{seedText}': expected an integer");
            }
            double? truncation = null;
            if (table.GetOrEmpty("truncation") is { Length: > 0 } truncationText)
            {
                if (double.TryParse(truncationText, NumberStyles.Float, CultureInfo.InvariantCulture, out double t)) truncation = t;
                else Bad($"truncation '{truncationText}': expected a number");
            }
            if (issues.Count != before) continue;

            images.Add(new ImageRecord
            {
                Id = id, Path = file, PatientId = patient, Split = split!.Value, Source = source!.Value, Labels = labels,
                ViewPosition = table.Get("view_position"), Age = age, Sex = table.Get("sex"), Width = width, Height = height,
                GeneratorHash = NullIfEmpty(table.GetOrEmpty("generator_hash")), GeneratorSeed = seed, Truncation = truncation,
            });
        }
        if (issues.Count > 0) throw new DataError(issues);
        return images;
    }

    static int ParseInt(string text, string column, Action<string> bad)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0) return v;
        bad($"{column} '{text}': expected a whole number >= 0");
        return 0;
    }

    static int? ParseOptionalInt(string text, string column, Action<string> bad) =>
        text.Trim().Length == 0 ? null : ParseInt(text, column, bad);

    static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
