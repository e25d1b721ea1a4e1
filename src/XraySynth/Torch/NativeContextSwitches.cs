using System.Runtime.InteropServices;

namespace XraySynth.Torch;

/// <summary>
/// Switches on libtorch's global context that TorchSharp 0.107 does not expose
/// (<c>torch.use_deterministic_algorithms</c> throws NotImplementedException there). Reached through
/// the exported C++ symbols of libtorch_cpu.so, looked up in the copy already loaded.
/// </summary>
public static unsafe class NativeContextSwitches
{
    const string GlobalContext = "_ZN2at13globalContextEv";                         // at::globalContext()
    const string SetDeterministic = "_ZN2at7Context26setDeterministicAlgorithmsEbb"; // Context::setDeterministicAlgorithms(bool, bool)
    const string GetDeterministic = "_ZNK2at7Context23deterministicAlgorithmsEv";    // Context::deterministicAlgorithms() const
    const string GetWarnOnly = "_ZNK2at7Context31deterministicAlgorithmsWarnOnlyEv"; // Context::deterministicAlgorithmsWarnOnly() const
    const string SetBenchmark = "_ZN2at7Context17setBenchmarkCuDNNEb";                // Context::setBenchmarkCuDNN(bool)
    const string GetBenchmark = "_ZNK2at7Context14benchmarkCuDNNEv";                  // Context::benchmarkCuDNN() const
    const string SetMkldnn = "_ZN2at7Context20setUserEnabledMkldnnEb";               // Context::setUserEnabledMkldnn(bool)
    const string GetMkldnn = "_ZNK2at7Context17userEnabledMkldnnEv";                 // Context::userEnabledMkldnn() const
    const string SetNnpack = "_ZN2at7Context20setUserEnabledNNPACKEb";               // Context::setUserEnabledNNPACK(bool)
    const string GetNnpack = "_ZNK2at7Context17userEnabledNNPACKEv";                 // Context::userEnabledNNPACK() const

    /// <summary>Sets <c>torch.use_deterministic_algorithms(enabled, warn_only)</c>.</summary>
    public static void SetDeterministicAlgorithms(bool enabled, bool warnOnly = false)
    {
        var set = (delegate* unmanaged<IntPtr, byte, byte, void>)Export(SetDeterministic);
        set(Context(), enabled ? (byte)1 : (byte)0, warnOnly ? (byte)1 : (byte)0);
    }

    /// <summary>Reads <c>torch.are_deterministic_algorithms_enabled()</c>.</summary>
    public static bool DeterministicAlgorithms() => Flag(GetDeterministic);

    /// <summary>Reads whether deterministic algorithms only warn (<c>warn_only</c>) instead of throwing.</summary>
    public static bool DeterministicAlgorithmsWarnOnly() => Flag(GetWarnOnly);

    /// <summary>
    /// Sets <c>torch.backends.cudnn.benchmark</c>: cuDNN times the candidate algorithms for each new convolution
    /// shape and keeps the fastest. A flag on the context; harmless on the CPU.
    /// </summary>
    public static void SetBenchmarkCuDnn(bool enabled) => SetFlag(SetBenchmark, enabled);

    /// <summary>Reads <c>torch.backends.cudnn.benchmark</c>.</summary>
    public static bool BenchmarkCuDnn() => Flag(GetBenchmark);

    /// <summary>
    /// Sets <c>torch.backends.mkldnn.enabled</c>: whether CPU convolutions may run on oneDNN (else ATen's own
    /// im2col + GEMM kernels).
    /// </summary>
    public static void SetMkldnnEnabled(bool enabled) => SetFlag(SetMkldnn, enabled);

    /// <summary>Reads <c>torch.backends.mkldnn.enabled</c>.</summary>
    public static bool MkldnnEnabled() => Flag(GetMkldnn);

    /// <summary>Sets <c>torch.backends.nnpack.enabled</c>: whether CPU convolutions may try NNPACK.</summary>
    public static void SetNnpackEnabled(bool enabled) => SetFlag(SetNnpack, enabled);

    /// <summary>Reads <c>torch.backends.nnpack.enabled</c>.</summary>
    public static bool NnpackEnabled() => Flag(GetNnpack);

    /// <summary>Calls a <c>bool Context::name() const</c> getter.</summary>
    static bool Flag(string getter) => ((delegate* unmanaged<IntPtr, byte>)Export(getter))(Context()) != 0;

    /// <summary>Calls a <c>void Context::setName(bool)</c> setter.</summary>
    static void SetFlag(string setter, bool value) => ((delegate* unmanaged<IntPtr, byte, void>)Export(setter))(Context(), value ? (byte)1 : (byte)0);

    static IntPtr Context() => ((delegate* unmanaged<IntPtr>)Export(GlobalContext))();

    // By soname: the dynamic loader returns the libtorch_cpu.so already in the process.
    static IntPtr Export(string symbol) => NativeLibrary.GetExport(NativeLibrary.Load("libtorch_cpu.so"), symbol);
}
