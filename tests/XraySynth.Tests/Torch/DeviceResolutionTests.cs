using XraySynth.Common;
using XraySynth.Torch;

namespace XraySynth.Tests.Torch;

public sealed class DeviceResolutionTests
{
    /// <summary>torch.Device needs libtorch loaded through XraySynth's loader first.</summary>
    public DeviceResolutionTests() => _ = XraySynth.Tests.TestSupport.TorchFixture.Cpu;

    static readonly LoadedTorch Bundled = new(FakeInstall(cuda: false), "bundled CPU libtorch");
    static readonly LoadedTorch CudaLibraries = new(FakeInstall(cuda: true), "--libtorch");

    static LibTorchDirectory FakeInstall(bool cuda)
    {
        string folder = Path.Combine(Path.GetTempPath(), "xraysynth-tests", "fake-libtorch-" + (cuda ? "cuda" : "cpu"));
        Directory.CreateDirectory(folder);
        var names = LibTorchDirectory.CoreLibraries.Concat(cuda ? LibTorchDirectory.CudaLibraries : []);
        foreach (string name in names) File.WriteAllText(Path.Combine(folder, name), "");
        return LibTorchDirectory.Open(folder);
    }

    [Fact]
    public void Auto_picks_the_cpu_when_cuda_is_unavailable_and_cuda_0_when_it_is()
    {
        Assert.Equal("cpu", TorchRuntime.ResolveDevice(DeviceSpec.Auto, Bundled, false, 0).ToString());
        Assert.Equal("cuda:0", TorchRuntime.ResolveDevice(DeviceSpec.Auto, CudaLibraries, true, 2).ToString());
    }

    [Fact]
    public void Cuda_without_a_cuda_libtorch_is_an_error_that_explains_libtorch()
    {
        var error = Assert.Throws<UserError>(() => TorchRuntime.ResolveDevice(DeviceSpec.Cuda(), Bundled, false, 0));
        Assert.Contains("CUDA is not available", error.Message);
        Assert.Contains("--libtorch", error.Message);
    }

    [Fact]
    public void Cuda_with_cuda_libraries_but_no_device_is_an_error_not_a_cpu_run()
    {
        var error = Assert.Throws<UserError>(() => TorchRuntime.ResolveDevice(DeviceSpec.Cuda(), CudaLibraries, false, 0));
        Assert.Contains("no CUDA device is usable", error.Message);
    }

    [Fact]
    public void A_cuda_index_beyond_the_visible_devices_is_an_error()
    {
        var error = Assert.Throws<UserError>(() => TorchRuntime.ResolveDevice(DeviceSpec.Cuda(2), CudaLibraries, true, 2));
        Assert.Contains("only 2 CUDA device(s)", error.Message);
        Assert.Equal("cuda:1", TorchRuntime.ResolveDevice(DeviceSpec.Cuda(1), CudaLibraries, true, 2).ToString());
    }
}
