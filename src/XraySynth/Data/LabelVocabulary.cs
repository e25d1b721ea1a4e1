namespace XraySynth.Data;

/// <summary>
/// The ordered list of finding labels a dataset uses. The order fixes the columns of every label matrix
/// and model output. Names match exactly (case-sensitive, as NIH writes them); "No Finding" means none.
/// </summary>
public sealed class LabelVocabulary : IEquatable<LabelVocabulary>
{
    /// <summary>NIH's text for an image with no finding.</summary>
    public const string NoFinding = "No Finding";

    /// <summary>NIH ChestX-ray14's 14 labels in the order of Wang et al. 2017 and CheXNet.</summary>
    public static LabelVocabulary Nih14 { get; } = new([
        "Atelectasis", "Cardiomegaly", "Effusion", "Infiltration", "Mass", "Nodule", "Pneumonia", "Pneumothorax",
        "Consolidation", "Edema", "Emphysema", "Fibrosis", "Pleural_Thickening", "Hernia",
    ]);

    readonly Dictionary<string, int> index;

    /// <summary>Label names in column order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of labels.</summary>
    public int Count => Names.Count;

    /// <summary>Creates a vocabulary; names must be distinct, non-empty, without '|', and not "No Finding".</summary>
    public LabelVocabulary(IEnumerable<string> names)
    {
        Names = names.ToArray();
        index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Names.Count; i++)
        {
            string name = Names[i];
            if (string.IsNullOrWhiteSpace(name) || name.Contains('|') || name == NoFinding || name.Trim() != name)
                throw new ArgumentException($"'{name}' cannot be a label name", nameof(names));
            if (!index.TryAdd(name, i)) throw new ArgumentException($"label '{name}' appears twice", nameof(names));
        }
    }

    /// <summary>Column of <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name) => index.TryGetValue(name, out int i) ? i : -1;

    /// <summary>Whether <paramref name="name"/> is a label here.</summary>
    public bool Contains(string name) => index.ContainsKey(name);

    /// <summary>
    /// Parses NIH's <c>Finding Labels</c> text ("Effusion|Hernia", "No Finding") into label names in vocabulary order.
    /// Returns false with the offending name when a label is not in the vocabulary or the text is malformed.
    /// </summary>
    public bool TryParse(string text, out IReadOnlyList<string> labels, out string? problem)
    {
        labels = [];
        problem = null;
        string trimmed = text.Trim();
        if (trimmed == NoFinding) return true;
        if (trimmed.Length == 0)
        {
            problem = $"empty labels (write '{NoFinding}' for an image without findings)";
            return false;
        }
        var found = new SortedSet<int>();
        foreach (string part in trimmed.Split('|'))
        {
            string name = part.Trim();
            int i = IndexOf(name);
            if (i < 0)
            {
                problem = name == NoFinding
                    ? $"'{NoFinding}' combined with findings in '{text}'"
                    : $"unknown label '{name}'{Common.NameSuggester.Hint(name, Names)} (vocabulary: {string.Join(", ", Names)})";
                return false;
            }
            found.Add(i);
        }
        labels = found.Select(i => Names[i]).ToArray();
        return true;
    }

    /// <summary>Labels as NIH writes them: pipe-separated in vocabulary order, or "No Finding".</summary>
    public string Format(IEnumerable<string> labels)
    {
        var ordered = labels.Select(l => IndexOf(l) is >= 0 and var i ? i : throw new ArgumentException($"unknown label '{l}'"))
                            .Distinct().Order().Select(i => Names[i]).ToList();
        return ordered.Count == 0 ? NoFinding : string.Join('|', ordered);
    }

    /// <summary>A multi-hot vector (1 = present) in column order.</summary>
    public float[] MultiHot(IEnumerable<string> labels)
    {
        var v = new float[Count];
        foreach (string l in labels) v[IndexOf(l) is >= 0 and var i ? i : throw new ArgumentException($"unknown label '{l}'")] = 1;
        return v;
    }

    /// <inheritdoc />
    public bool Equals(LabelVocabulary? other) => other is not null && Names.SequenceEqual(other.Names);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LabelVocabulary);

    /// <inheritdoc />
    public override int GetHashCode() => Names.Aggregate(17, (h, n) => h * 31 + StringComparer.Ordinal.GetHashCode(n));

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", Names);
}
