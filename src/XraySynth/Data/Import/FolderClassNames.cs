namespace XraySynth.Data.Import;

/// <summary>
/// Label names for class folders. Normal, NORMAL, No Finding, healthy → No Finding; COVID, COVID19, COVID-19 →
/// 'COVID-19'; a name equal to an NIH14 label up to case, spaces, '_' and '-' (PNEUMONIA, pleural thickening) →
/// the NIH spelling, so the same finding lines up with NIH data. Every other name is kept as written (trimmed):
/// 'Viral Pneumonia' stays 'Viral Pneumonia' and 'Lung_Opacity' stays 'Lung_Opacity', since they are narrower or
/// different findings than NIH's labels; merging them is a relabel decision left to the user.
/// </summary>
public static class FolderClassNames
{
    static readonly IReadOnlyDictionary<string, string> Known = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["normal"] = LabelVocabulary.NoFinding,
        ["nofinding"] = LabelVocabulary.NoFinding,
        ["healthy"] = LabelVocabulary.NoFinding,
        ["covid"] = "COVID-19",
        ["covid19"] = "COVID-19",
    };

    /// <summary>The label for a class folder named <paramref name="folder"/> (<see cref="LabelVocabulary.NoFinding"/> for normals).</summary>
    public static string LabelOf(string folder)
    {
        string key = Key(folder);
        if (Known.TryGetValue(key, out string? known)) return known;
        foreach (string nih in LabelVocabulary.Nih14.Names)
            if (Key(nih) == key) return nih;
        return folder.Trim();
    }

    static string Key(string name) =>
        new(name.Where(c => c is not (' ' or '_' or '-')).Select(char.ToLowerInvariant).ToArray());
}
