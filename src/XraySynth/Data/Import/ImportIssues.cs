using System.Globalization;
using XraySynth.Common;

namespace XraySynth.Data.Import;

/// <summary>
/// Bad input found during an import (malformed row, unknown label, corrupt image). Without --skip-bad they
/// stop the import together, each with its file and line; with it they are skipped and listed in import-report.csv.
/// </summary>
public sealed class ImportIssues
{
    /// <summary>Name of the report written into the output folder under --skip-bad.</summary>
    public const string ReportFileName = "import-report.csv";

    readonly List<DataIssue> issues = [];

    /// <summary>Every issue in the order found.</summary>
    public IReadOnlyList<DataIssue> All => issues;

    /// <summary>Number of issues.</summary>
    public int Count => issues.Count;

    /// <summary>Records a problem with <paramref name="file"/> at <paramref name="line"/> (0 = the whole file).</summary>
    public void Add(string file, int line, string message) => issues.Add(new DataIssue(file, line, message));

    /// <summary>Throws every issue at once unless bad items are to be skipped.</summary>
    /// <exception cref="UserError">Wraps a <see cref="DataError"/> listing the issues, with a hint about --skip-bad.</exception>
    public void ThrowUnlessSkipping(bool skipBad)
    {
        if (skipBad || issues.Count == 0) return;
        var error = new DataError(issues.ToList());
        throw new UserError($"{error.Message}{Environment.NewLine}(--skip-bad skips bad items and lists them in {ReportFileName})", error);
    }

    /// <summary>Writes file, line, reason per issue to <paramref name="path"/>.</summary>
    public void WriteReport(string path) =>
        AtomicFile.WriteText(path, writer =>
        {
            using var csv = CsvTable.CreateWriter(writer);
            csv.WriteField("file"); csv.WriteField("line"); csv.WriteField("reason");
            csv.NextRecord();
            foreach (var issue in issues)
            {
                csv.WriteField(issue.File);
                csv.WriteField(issue.Line.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(issue.Message);
                csv.NextRecord();
            }
        });
}
