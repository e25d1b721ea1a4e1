using System.Collections;
using System.Globalization;
using System.Text;

namespace XraySynth.Configuration;

/// <summary>
/// Writes a config record back as YAML that <see cref="YamlConfig"/> reads into an equal record, each key
/// preceded by its one-line documentation. Used for the resolved config saved in every run folder and for
/// <c>--dry-run</c>.
/// </summary>
public static class YamlConfigWriter
{
    /// <summary>The record as YAML; under a top-level <paramref name="section"/> key when given.</summary>
    public static string Write(object config, string? section = null)
    {
        var sb = new StringBuilder();
        if (section is null) WriteObject(sb, config, 0);
        else
        {
            sb.Append(section).Append(":\n");
            WriteObject(sb, config, 1);
        }
        return sb.ToString();
    }

    static void WriteObject(StringBuilder sb, object config, int depth, bool comments = true)
    {
        string indent = new(' ', depth * 2);
        foreach (var property in YamlConfig.Settable(config.GetType()))
        {
            if (comments && YamlConfig.Describe(property) is { } doc) sb.Append(indent).Append("# ").Append(doc).Append('\n');
            string key = ConfigNames.ToSnakeCase(property.Name);
            object? value = property.GetValue(config);
            if (value is IDictionary { Count: 0 })
                sb.Append(indent).Append(key).Append(": {}\n");
            else if (value is IEnumerable list and not string and not IDictionary && list.Cast<object?>().Any(item => item is not null && IsNested(item)))
            {
                // A list of settings records (e.g. ablation arms): a block sequence, one mapping per item, without comments.
                sb.Append(indent).Append(key).Append(":\n");
                foreach (object? item in list)
                {
                    var itemText = new StringBuilder();
                    WriteObject(itemText, item!, depth + 2, comments: false);
                    string text = itemText.ToString();
                    sb.Append(indent).Append("  - ").Append(text.AsSpan((depth + 2) * 2));
                }
            }
            else if (value is not null && IsNested(value))
            {
                sb.Append(indent).Append(key).Append(":\n");
                if (value is IDictionary dictionary)
                    foreach (DictionaryEntry entry in dictionary)
                        sb.Append(indent).Append("  ").Append(Scalar(entry.Key)).Append(": ").Append(Inline(entry.Value)).Append('\n');
                else WriteObject(sb, value, depth + 1, comments);
            }
            else sb.Append(indent).Append(key).Append(": ").Append(Inline(value)).Append('\n');
        }
    }

    static bool IsNested(object value) => value is IDictionary || (value.GetType().IsClass && value is not string && value is not IEnumerable);

    static string Inline(object? value) => value switch
    {
        null => "null",
        string s => Scalar(s),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Inline)) + "]",
        _ => Scalar(value),
    };

    static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        Enum e => ConfigNames.EnumText(e.GetType(), e.ToString()),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s => Quote(s),
        _ => Quote(value.ToString() ?? ""),
    };

    static string Quote(string s)
    {
        bool plain = s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ':')
                     && !s.EndsWith(':') && !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                     && s is not ("true" or "false" or "yes" or "no" or "on" or "off" or "null" or "~");
        return plain ? s : "'" + s.Replace("'", "''") + "'";
    }
}
