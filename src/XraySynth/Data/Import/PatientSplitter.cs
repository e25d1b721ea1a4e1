using XraySynth.Common;

namespace XraySynth.Data.Import;

/// <summary>
/// Patient-disjoint split assignment by a seeded shuffle of patients: the patients (sorted, so the result does
/// not depend on input order) are shuffled with a seed derived from the run seed and a stream name, then cut
/// by fractions of the patient count. The same seed and patients give the same split on every machine.
/// </summary>
public static class PatientSplitter
{
    /// <summary>The patients shuffled deterministically by (<paramref name="seed"/>, <paramref name="stream"/>).</summary>
    public static List<string> Shuffle(IEnumerable<string> patients, long seed, string stream)
    {
        var list = patients.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var random = SeedDerivation.CreateRandom(seed, stream);
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    /// <summary>Train/val/test per patient: the first train fraction of the shuffled patients, then val, the rest test.</summary>
    public static Dictionary<string, Split> Assign(IEnumerable<string> patients, (double Train, double Val, double Test) fractions, long seed, string stream)
    {
        var shuffled = Shuffle(patients, seed, stream);
        int train = (int)Math.Round(fractions.Train * shuffled.Count);
        int val = (int)Math.Round((fractions.Train + fractions.Val) * shuffled.Count) - train;
        var result = new Dictionary<string, Split>(StringComparer.Ordinal);
        for (int i = 0; i < shuffled.Count; i++)
            result[shuffled[i]] = i < train ? Split.Train : i < train + val ? Split.Val : Split.Test;
        return result;
    }

    /// <summary>The patients moved to val: the first <paramref name="fraction"/> of the shuffled patients.</summary>
    public static HashSet<string> Carve(IEnumerable<string> patients, double fraction, long seed, string stream)
    {
        var shuffled = Shuffle(patients, seed, stream);
        return shuffled.Take((int)Math.Round(fraction * shuffled.Count)).ToHashSet(StringComparer.Ordinal);
    }
}
