namespace XraySynth.Experiments.Benchmarks;

/// <summary>
/// Peak rates of the GPUs the benchmark is run on, keyed by a substring of the CUDA device name (first match
/// wins, so specific names come first). The same table is in bench/reference/common.py.
/// </summary>
public static class GpuPeaks
{
    /// <summary>The table: name substring, then the peaks.</summary>
    public static IReadOnlyList<(string Name, PeakThroughput Peak)> Table { get; } =
    [
        ("H100 PCIe", new PeakThroughput(756.0, 378.0, 51.2)),
        ("H100 NVL", new PeakThroughput(835.0, 418.0, 60.0)),
        ("H100", new PeakThroughput(989.4, 494.7, 66.9)),      // SXM, e.g. "NVIDIA H100 80GB HBM3"
        ("H200", new PeakThroughput(989.4, 494.7, 66.9)),
        ("A100", new PeakThroughput(312.0, 156.0, 19.5)),
    ];

    /// <summary>The peaks of the device named <paramref name="deviceName"/>, or null when it is not in the table.</summary>
    public static PeakThroughput? Find(string deviceName)
    {
        foreach (var (name, peak) in Table)
            if (deviceName.Contains(name, StringComparison.OrdinalIgnoreCase)) return peak;
        return null;
    }
}
