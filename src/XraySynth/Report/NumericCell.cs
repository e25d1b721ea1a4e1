using System.Globalization;
using System.Text.RegularExpressions;

namespace XraySynth.Report;

/// <summary>Recognises table cells that hold a number, optionally with a unit sign, an interval and a footnote mark ("0.81 [0.75, 0.86]", "12%", "−0.02*").</summary>
static partial class NumericCell
{
    /// <summary>True when <paramref name="cell"/> (trimmed) reads as a number.</summary>
    public static bool IsNumeric(string cell)
    {
        string trimmed = cell.Trim();
        return double.TryParse(trimmed.Replace('\u2212', '-'), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _) ||
               NumberWithExtras().IsMatch(trimmed);
    }

    [GeneratedRegex(@"^[-+\u2212]?(\d[\d,]*(\.\d*)?|\.\d+|NaN)\s*%?(\s*[\[(].*[\])])?(\s*[*†‡]+)?$")]
    private static partial Regex NumberWithExtras();
}
