namespace XraySynth.Data.Import;

/// <summary>NIH's official patient-disjoint split: train_val_list.txt and test_list.txt, one Image Index per line.</summary>
public sealed class NihSplitLists
{
    /// <summary>The train/val list's file name.</summary>
    public const string TrainValFileName = "train_val_list.txt";

    /// <summary>The test list's file name.</summary>
    public const string TestFileName = "test_list.txt";

    readonly Dictionary<string, bool> isTest = new(StringComparer.Ordinal);

    /// <summary>Names in train_val_list.txt.</summary>
    public int TrainValCount { get; private set; }

    /// <summary>Names in test_list.txt.</summary>
    public int TestCount { get; private set; }

    /// <summary>
    /// Reads both lists from <paramref name="folder"/>, or returns null when neither is there.
    /// A name in both lists goes to <paramref name="issues"/> (and counts as neither).
    /// </summary>
    /// <exception cref="DataError">Only one of the two lists exists.</exception>
    public static NihSplitLists? TryRead(string folder, ImportIssues issues)
    {
        string trainVal = Path.Combine(folder, TrainValFileName), test = Path.Combine(folder, TestFileName);
        bool hasTrainVal = File.Exists(trainVal), hasTest = File.Exists(test);
        if (!hasTrainVal && !hasTest) return null;
        if (!hasTrainVal || !hasTest)
            throw new DataError(hasTrainVal ? test : trainVal, 0, $"missing: the official split needs both {TrainValFileName} and {TestFileName} (or neither, for a seeded split)");
        var lists = new NihSplitLists();
        var lineOf = new Dictionary<string, (string File, int Line)>(StringComparer.Ordinal);
        foreach (var (file, testList) in new[] { (trainVal, false), (test, true) })
        {
            int line = 0;
            foreach (string raw in File.ReadLines(file))
            {
                line++;
                string name = raw.Trim();
                if (name.Length == 0) continue;
                if (lineOf.TryGetValue(name, out var first))
                {
                    if (first.File == file) continue; // listed twice in one list: harmless
                    issues.Add(file, line, $"'{name}' is also listed in {Path.GetFileName(first.File)} line {first.Line}");
                    lists.isTest.Remove(name);
                    continue;
                }
                lineOf[name] = (file, line);
                lists.isTest[name] = testList;
                if (testList) lists.TestCount++; else lists.TrainValCount++;
            }
        }
        return lists;
    }

    /// <summary>True for test, false for train_val, null when the image is in neither list.</summary>
    public bool? IsTest(string imageIndex) => isTest.TryGetValue(imageIndex, out bool test) ? test : null;
}
