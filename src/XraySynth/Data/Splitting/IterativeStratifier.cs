namespace XraySynth.Data.Splitting;

/// <summary>
/// Iterative stratification for multi-label data (Sechidis, Tsoumakas and Vlahavas 2011, "On the stratification
/// of multi-label data", ECML PKDD), applied to groups of images (patients) as the units.
/// </summary>
/// <remarks>
/// Desired counts: split j should hold <c>fraction[j] × positives(l)</c> images of label l and
/// <c>fraction[j] × images</c> images in all. Pinned units are placed first and use up their split's counts.
/// Then, while units with labels remain: take the label with the fewest remaining positive images (ties: random),
/// and give each unplaced unit carrying it (in a seeded random order) to the split that (1) has no unit with that
/// label yet, (2) has the largest remaining desired count of that label, (3) has the largest remaining desired
/// total, (4) at random. Rule (1) is our addition to Sechidis' algorithm: a label with at least as many units as
/// splits reaches every split whenever its units are still unplaced when it is processed. Unlabelled units
/// then go to the split with the largest remaining desired total (ties: random). Splits with fraction 0 get nothing
/// but pinned units. Deterministic for a given <see cref="Random"/> seed.
/// </remarks>
public static class IterativeStratifier
{
    const double Tolerance = 1e-9;

    /// <summary>Assigns every unit a split index (0 ≤ index &lt; <paramref name="fractions"/>.Count).</summary>
    /// <param name="units">The units; every unit has the same number of label counts.</param>
    /// <param name="fractions">Desired fraction of the images per split (summing to 1 over the splits used).</param>
    /// <param name="random">The only source of randomness (unit order and ties).</param>
    public static int[] Assign(IReadOnlyList<StratificationUnit> units, IReadOnlyList<double> fractions, Random random)
    {
        int splits = fractions.Count;
        int labels = units.Count == 0 ? 0 : units[0].LabelCounts.Count;
        if (units.Any(u => u.LabelCounts.Count != labels)) throw new ArgumentException("units differ in their number of labels", nameof(units));
        if (units.Any(u => u.Pinned is { } p && (p < 0 || p >= splits))) throw new ArgumentException("a unit is pinned to a split that does not exist", nameof(units));

        var state = new State(units, fractions, labels);
        foreach (int u in Enumerable.Range(0, units.Count).Where(u => units[u].Pinned is not null))
            state.Place(u, units[u].Pinned!.Value);

        int[] order = Enumerable.Range(0, units.Count).Where(u => state.Assignment[u] < 0).ToArray();
        random.Shuffle(order);
        var remaining = new long[labels];
        foreach (int u in order)
            for (int l = 0; l < labels; l++) remaining[l] += units[u].LabelCounts[l];

        while (true)
        {
            long fewest = remaining.Where(r => r > 0).DefaultIfEmpty(0).Min();
            if (fewest == 0) break;
            int[] tied = Enumerable.Range(0, labels).Where(l => remaining[l] == fewest).ToArray();
            int label = tied[tied.Length == 1 ? 0 : random.Next(tied.Length)];
            foreach (int u in order)
            {
                if (state.Assignment[u] >= 0 || units[u].LabelCounts[label] == 0) continue;
                state.Place(u, state.BestSplitFor(label, random));
                for (int l = 0; l < labels; l++) remaining[l] -= units[u].LabelCounts[l];
            }
        }
        foreach (int u in order)
            if (state.Assignment[u] < 0) state.Place(u, state.BestSplitFor(-1, random));
        return state.Assignment;
    }

    /// <summary>Remaining desired counts and placements while the algorithm runs.</summary>
    sealed class State
    {
        readonly IReadOnlyList<StratificationUnit> units;
        readonly IReadOnlyList<double> fractions;
        readonly double[,] desired;       // [split, label]: positive images still wanted
        readonly double[] desiredTotal;   // [split]: images still wanted
        readonly int[,] unitsWithLabel;   // [split, label]: units placed there carrying the label

        public int[] Assignment { get; }

        public State(IReadOnlyList<StratificationUnit> units, IReadOnlyList<double> fractions, int labels)
        {
            this.units = units;
            this.fractions = fractions;
            int splits = fractions.Count;
            Assignment = Enumerable.Repeat(-1, units.Count).ToArray();
            desired = new double[splits, labels];
            desiredTotal = new double[splits];
            unitsWithLabel = new int[splits, labels];
            double totalImages = units.Sum(u => (double)u.Size);
            for (int j = 0; j < splits; j++)
            {
                desiredTotal[j] = fractions[j] * totalImages;
                for (int l = 0; l < labels; l++) desired[j, l] = fractions[j] * units.Sum(u => (double)u.LabelCounts[l]);
            }
        }

        public void Place(int unit, int split)
        {
            Assignment[unit] = split;
            desiredTotal[split] -= units[unit].Size;
            var counts = units[unit].LabelCounts;
            for (int l = 0; l < counts.Count; l++)
            {
                if (counts[l] == 0) continue;
                desired[split, l] -= counts[l];
                unitsWithLabel[split, l]++;
            }
        }

        /// <summary>The split for a unit carrying <paramref name="label"/> (-1: by desired total only).</summary>
        public int BestSplitFor(int label, Random random)
        {
            var best = new List<int>();
            for (int j = 0; j < fractions.Count; j++)
            {
                if (fractions[j] <= 0) continue;
                if (best.Count == 0) { best.Add(j); continue; }
                int c = Compare(j, best[0], label);
                if (c > 0) { best.Clear(); best.Add(j); }
                else if (c == 0) best.Add(j);
            }
            return best.Count == 1 ? best[0] : best[random.Next(best.Count)];
        }

        /// <summary>Positive when split <paramref name="a"/> is the better home, 0 on a tie.</summary>
        int Compare(int a, int b, int label)
        {
            if (label >= 0)
            {
                int coverage = (unitsWithLabel[a, label] == 0).CompareTo(unitsWithLabel[b, label] == 0);
                if (coverage != 0) return coverage;
                int byLabel = CompareValues(desired[a, label], desired[b, label]);
                if (byLabel != 0) return byLabel;
            }
            return CompareValues(desiredTotal[a], desiredTotal[b]);
        }

        static int CompareValues(double a, double b) => Math.Abs(a - b) <= Tolerance ? 0 : a.CompareTo(b);
    }
}
