using XraySynth.Torch;

namespace XraySynth.Tests.TestSupport;

/// <summary>Starts torch on the CPU once for the tests that need it (native libraries are process-wide).</summary>
public static class TorchFixture
{
    static readonly Lazy<TorchRuntime> Runtime = new(() => TorchRuntime.Start(new TorchRuntimeOptions { Device = DeviceSpec.Cpu, Seed = 0 }));

    /// <summary>The CPU runtime (started on first use).</summary>
    public static TorchRuntime Cpu => Runtime.Value;
}
