using XraySynth.Common;

namespace XraySynth.Torch;

/// <summary>What the user asked for with <c>--device</c>: auto, cpu, cuda or cuda:N.</summary>
public sealed record DeviceSpec
{
    /// <summary>The kind of device requested.</summary>
    public DeviceRequest Kind { get; }

    /// <summary>The CUDA ordinal for <c>cuda:N</c>; 0 for plain <c>cuda</c>; null for cpu and auto.</summary>
    public int? Index { get; }

    DeviceSpec(DeviceRequest kind, int? index) { Kind = kind; Index = index; }

    /// <summary>Picks CUDA when available, else CPU.</summary>
    public static DeviceSpec Auto { get; } = new(DeviceRequest.Auto, null);

    /// <summary>The CPU.</summary>
    public static DeviceSpec Cpu { get; } = new(DeviceRequest.Cpu, null);

    /// <summary>CUDA device <paramref name="index"/>.</summary>
    public static DeviceSpec Cuda(int index = 0) => new(DeviceRequest.Cuda, index);

    /// <summary>Parses <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (case-insensitive).</summary>
    /// <exception cref="UserError">The text is none of those.</exception>
    public static DeviceSpec Parse(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t == "auto") return Auto;
        if (t == "cpu") return Cpu;
        if (t == "cuda" || t == "gpu") return Cuda(0);
        if (t.StartsWith("cuda:", StringComparison.Ordinal))
        {
            string n = t["cuda:".Length..];
            if (int.TryParse(n, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index))
                return Cuda(index);
        }
        throw new UserError($"--device '{text}' is not a device: expected auto, cpu, cuda or cuda:N (N = 0, 1, ...).");
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        DeviceRequest.Auto => "auto",
        DeviceRequest.Cpu => "cpu",
        _ => $"cuda:{Index}",
    };
}

/// <summary>The kinds of device a user can request.</summary>
public enum DeviceRequest
{
    /// <summary>CUDA if available, else CPU.</summary>
    Auto,
    /// <summary>The CPU.</summary>
    Cpu,
    /// <summary>A CUDA GPU.</summary>
    Cuda,
}
