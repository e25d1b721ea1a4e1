namespace XraySynth.Evaluate;

/// <summary>Ranks 1..n with tied values sharing the mean of the ranks they span (midranks), in O(n log n).</summary>
static class Midranks
{
    /// <summary>Midrank of every value, in input order.</summary>
    public static double[] Compute(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        var keys = values.ToArray();
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(keys, order);

        var ranks = new double[n];
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start]) end++;
            // positions start..end-1 hold equal values: ranks start+1..end, mean (start + 1 + end) / 2
            double midrank = 0.5 * (start + 1 + end);
            for (int k = start; k < end; k++) ranks[order[k]] = midrank;
            start = end;
        }
        return ranks;
    }
}
