using System.Diagnostics;

namespace XraySynth.Bench;

/// <summary>A small Stopwatch harness: one warm-up run, then the median of several timed runs.</summary>
public static class Timing
{
    /// <summary>Median seconds of <paramref name="runs"/> runs of <paramref name="work"/>, after one untimed warm-up.</summary>
    public static double MedianSeconds(Action work, int runs)
    {
        work();
        var seconds = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            GC.Collect();
            var clock = Stopwatch.StartNew();
            work();
            seconds[i] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(seconds);
        return seconds[runs / 2];
    }
}
