using XraySynth.Common;
using XraySynth.Tests.TestSupport;
using XraySynth.Torch;

namespace XraySynth.Tests.Torch;

public sealed class LibTorchDirectoryTests
{
    static void Touch(TempDirectory temp, params string[] names)
    {
        foreach (string name in names)
        {
            string path = temp.File(name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "");
        }
    }

    [Fact]
    public void A_missing_folder_is_a_clear_error()
    {
        var error = Assert.Throws<UserError>(() => LibTorchDirectory.Open("/no/such/torch/lib"));
        Assert.Contains("no such folder", error.Message);
    }

    [Fact]
    public void Names_every_missing_core_library()
    {
        using var temp = new TempDirectory();
        Touch(temp, "libc10.so");
        var error = Assert.Throws<UserError>(() => LibTorchDirectory.Open(temp.Path));
        Assert.Contains("lacks libtorch_cpu.so, libtorch.so", error.Message);
    }

    [Fact]
    public void Half_a_cuda_install_names_the_missing_cuda_library()
    {
        using var temp = new TempDirectory();
        Touch(temp, "libc10.so", "libtorch_cpu.so", "libtorch.so", "libtorch_cuda.so");
        var error = Assert.Throws<UserError>(() => LibTorchDirectory.Open(temp.Path));
        Assert.Contains("lacks libc10_cuda.so", error.Message);
    }

    [Fact]
    public void A_cuda_install_loads_in_dependency_order()
    {
        using var temp = new TempDirectory();
        Touch(temp, "libc10.so", "libtorch_cpu.so", "libtorch.so", "libtorch_cuda.so", "libc10_cuda.so");
        var dir = LibTorchDirectory.Open(temp.Path);
        Assert.True(dir.HasCuda);
        Assert.Equal(["libc10.so", "libc10_cuda.so", "libtorch_cpu.so", "libtorch_cuda.so", "libtorch.so"],
            dir.LoadOrder().Select(Path.GetFileName));
    }

    [Fact]
    public void A_cpu_install_has_no_cuda_and_the_parent_of_lib_is_accepted()
    {
        using var temp = new TempDirectory();
        Touch(temp, "lib/libc10.so", "lib/libtorch_cpu.so", "lib/libtorch.so", "build-version");
        File.WriteAllText(temp.File("build-version"), "2.10.0+cpu\n");
        var dir = LibTorchDirectory.Open(temp.Path);
        Assert.False(dir.HasCuda);
        Assert.Equal(temp.File("lib"), dir.Path);
        Assert.Equal("2.10.0+cpu", dir.ReadVersion());
    }

    [Fact]
    public void Reads_the_version_of_a_pytorch_wheel()
    {
        using var temp = new TempDirectory();
        Touch(temp, "torch/lib/libc10.so", "torch/lib/libtorch_cpu.so", "torch/lib/libtorch.so");
        File.WriteAllText(temp.File("torch/version.py"), "from typing import Optional\n__version__ = '2.11.0+cu128'\ncuda: Optional[str] = '12.8'\n");
        Assert.Equal("2.11.0+cu128", LibTorchDirectory.Open(temp.File("torch/lib")).ReadVersion());
    }
}
