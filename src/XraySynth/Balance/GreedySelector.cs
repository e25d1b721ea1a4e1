namespace XraySynth.Balance;

/// <summary>
/// The balancer's greedy choice. Repeatedly takes the chosen label with the largest remaining deficit (target minus
/// positives so far; ties: first in vocabulary order) and adds one candidate carrying it, never exceeding the overall
/// cap or any label's cap. An added image counts for every label it carries. Among the candidates carrying the label
/// it prefers, in order: (reuse only) the least-used image; the one covering most labels still in deficit; the one
/// carrying fewest other labels; the first in the (seeded, shuffled) candidate order. A label with no acceptable
/// candidate left is closed with the reason. Candidates with the same label set are interchangeable for these rules,
/// so they are grouped and each step looks at one front candidate per group.
/// </summary>
internal sealed class GreedySelector
{
    readonly int[] real;
    readonly int?[] target;
    readonly int[] cap;
    readonly int overallCap;
    readonly bool reuse;

    /// <summary>Sets up the selection.</summary>
    /// <param name="real">Real train positives per label.</param>
    /// <param name="target">Target per label; null for labels not chosen.</param>
    /// <param name="cap">Most added positives per label.</param>
    /// <param name="overallCap">Most added images in all.</param>
    /// <param name="reuse">Whether a candidate may be taken more than once (oversampling), in rounds.</param>
    public GreedySelector(int[] real, int?[] target, int[] cap, int overallCap, bool reuse)
    {
        this.real = real;
        this.target = target;
        this.cap = cap;
        this.overallCap = overallCap;
        this.reuse = reuse;
    }

    /// <summary>The outcome: candidate indices in the order taken, added positives per label, and closing reasons.</summary>
    public sealed record Result(IReadOnlyList<int> Taken, int[] Added, ShortfallReason?[] Reasons);

    sealed class Group(int[] labels)
    {
        public int[] Labels { get; } = labels;
        public List<int> Members { get; } = [];
        public int Head { get; set; }
        public int TakenCount { get; set; }
        public bool Empty => Members.Count == 0 || (Head >= Members.Count);
        public int Front => Members[Head];
        /// <summary>Times the front member was taken already (reuse: round robin, so the fewest in the group).</summary>
        public int FrontUses => TakenCount / Members.Count;
    }

    /// <summary>Runs the selection over <paramref name="candidates"/> (label indices of each, in shuffled order).</summary>
    public Result Run(IReadOnlyList<int[]> candidates)
    {
        int labels = real.Length;
        var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        var byLabel = Enumerable.Range(0, labels).Select(_ => new List<Group>()).ToArray();
        for (int c = 0; c < candidates.Count; c++)
        {
            if (candidates[c].Length == 0) continue;
            string key = string.Join(',', candidates[c]);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = new Group(candidates[c]);
                foreach (int l in group.Labels) byLabel[l].Add(group);
            }
            group.Members.Add(c);
        }

        var added = new int[labels];
        var reasons = new ShortfallReason?[labels];
        var taken = new List<int>();
        int Deficit(int l) => target[l] is int t ? t - real[l] - added[l] : 0;
        while (true)
        {
            int label = -1;
            for (int l = 0; l < labels; l++)
                if (reasons[l] is null && Deficit(l) > 0 && (label < 0 || Deficit(l) > Deficit(label))) label = l;
            if (label < 0) break;

            Group? best = null;
            foreach (var group in byLabel[label])
                if (!group.Empty && Fits(group, added, taken.Count) && (best is null || Better(group, best, Deficit)))
                    best = group;
            if (best is null)
            {
                reasons[label] = Reason(label, byLabel[label], added, taken.Count);
                continue;
            }

            taken.Add(best.Front);
            foreach (int l in best.Labels) added[l]++;
            best.TakenCount++;
            best.Head = reuse ? (best.Head + 1) % best.Members.Count : best.Head + 1;
        }
        return new Result(taken, added, reasons);
    }

    bool Fits(Group group, int[] added, int total) =>
        total < overallCap && group.Labels.All(l => added[l] < cap[l]);

    /// <summary>Whether <paramref name="a"/>'s front candidate is preferred to <paramref name="b"/>'s.</summary>
    bool Better(Group a, Group b, Func<int, int> deficit)
    {
        if (reuse && a.FrontUses != b.FrontUses) return a.FrontUses < b.FrontUses;
        int coversA = a.Labels.Count(l => deficit(l) > 0), coversB = b.Labels.Count(l => deficit(l) > 0);
        if (coversA != coversB) return coversA > coversB;
        int othersA = a.Labels.Length - coversA, othersB = b.Labels.Length - coversB;
        if (othersA != othersB) return othersA < othersB;
        return a.Front < b.Front;
    }

    ShortfallReason Reason(int label, List<Group> groups, int[] added, int total)
    {
        if (groups.Count == 0) return ShortfallReason.NotInPool;
        if (groups.All(g => g.Empty)) return ShortfallReason.PoolExhausted;
        if (added[label] >= cap[label]) return ShortfallReason.LabelCap;
        if (total >= overallCap) return ShortfallReason.OverallCap;
        return ShortfallReason.CoLabelCap;
    }
}
