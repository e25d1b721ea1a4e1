using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TorchSharp;
using XraySynth.Tests.TestSupport;
using XraySynth.Torch;

namespace XraySynth.Tests.Torch;

public sealed class ElfWeakVersionPatcherTests
{
    const string Version = ElfWeakVersionPatcher.LibTorchSharpVersion;

    /// <summary>The unpatched libLibTorchSharp.so as the TorchSharp package ships it (NuGet cache).</summary>
    static string PackageLibTorchSharp()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string version = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        string path = Path.Combine(packages, "torchsharp", version, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"the TorchSharp package's libLibTorchSharp.so was expected at {path} after restore");
        return path;
    }

    [Fact]
    public void The_package_file_needs_the_version_strongly_and_the_patch_makes_it_weak_changing_one_byte()
    {
        using var temp = new TempDirectory();
        string original = PackageLibTorchSharp();
        string copy = temp.File("libLibTorchSharp.so");
        File.Copy(original, copy);
        Assert.True(ElfWeakVersionPatcher.Needs(copy, Version));
        Assert.False(ElfWeakVersionPatcher.IsWeak(copy, Version));

        Assert.Equal(ElfPatchOutcome.Patched, ElfWeakVersionPatcher.Patch(copy, Version));

        Assert.True(ElfWeakVersionPatcher.IsWeak(copy, Version));
        byte[] before = File.ReadAllBytes(original), after = File.ReadAllBytes(copy);
        Assert.Equal(before.Length, after.Length);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        int offset = Assert.Single(changed);
        Assert.Equal(before[offset] | 0x2, after[offset]);
    }

    [Fact]
    public void Patching_twice_changes_nothing_the_second_time()
    {
        using var temp = new TempDirectory();
        string copy = temp.File("libLibTorchSharp.so");
        File.Copy(PackageLibTorchSharp(), copy);
        ElfWeakVersionPatcher.Patch(copy, Version);
        byte[] once = File.ReadAllBytes(copy);
        DateTime written = File.GetLastWriteTimeUtc(copy);

        Assert.Equal(ElfPatchOutcome.AlreadyWeak, ElfWeakVersionPatcher.Patch(copy, Version));
        Assert.Equal(once, File.ReadAllBytes(copy));
        Assert.Equal(written, File.GetLastWriteTimeUtc(copy));
    }

    [Fact]
    public void An_elf_without_that_version_need_is_left_untouched()
    {
        using var temp = new TempDirectory();
        // libtorch.so from the build output: an ELF with version needs (GLIBC_*), but not GLIBCXX_3.4.32.
        string source = Path.Combine(AppContext.BaseDirectory, "cpu", "libc10.so");
        string copy = temp.File("libc10.so");
        File.Copy(source, copy);
        byte[] hash = SHA256.HashData(File.ReadAllBytes(copy));

        Assert.False(ElfWeakVersionPatcher.Needs(copy, Version));
        Assert.Equal(ElfPatchOutcome.NotNeeded, ElfWeakVersionPatcher.Patch(copy, Version));
        Assert.Equal(hash, SHA256.HashData(File.ReadAllBytes(copy)));
    }

    [Fact]
    public void A_file_that_is_not_an_elf_is_rejected_with_its_name()
    {
        using var temp = new TempDirectory();
        string path = temp.File("notes.so");
        File.WriteAllText(path, "not a shared library at all, just text long enough to have a header............");
        var error = Assert.Throws<InvalidDataException>(() => ElfWeakVersionPatcher.Patch(path, Version));
        Assert.Contains("notes.so: not an ELF file", error.Message);
    }

    [Fact]
    public void The_build_patched_the_copy_this_process_loaded()
    {
        _ = TorchFixture.Cpu;
        string? loaded = NativeTorchLoader.FindLoadedPath("libLibTorchSharp.so");
        Assert.NotNull(loaded);
        Assert.True(ElfWeakVersionPatcher.IsWeak(loaded, Version), $"{loaded} was not patched by the build");
    }

    [Fact]
    public void The_patched_file_loads_and_the_unpatched_one_fails_where_libstdcxx_lacks_the_version()
    {
        _ = TorchFixture.Cpu; // libtorch is mapped, so the copy's other dependencies resolve
        using var temp = new TempDirectory();
        string patched = temp.File("patched/libLibTorchSharp.so"), unpatched = temp.File("unpatched/libLibTorchSharp.so");
        Directory.CreateDirectory(Path.GetDirectoryName(patched)!);
        Directory.CreateDirectory(Path.GetDirectoryName(unpatched)!);
        File.Copy(PackageLibTorchSharp(), patched);
        File.Copy(PackageLibTorchSharp(), unpatched);
        ElfWeakVersionPatcher.Patch(patched, Version);

        Assert.True(NativeLibrary.TryLoad(patched, out _), "the patched copy should load");
        if (!SystemLibStdCxxHas(Version))
            Assert.False(NativeLibrary.TryLoad(unpatched, out _), "the unpatched copy should fail on this libstdc++");
    }

    static bool SystemLibStdCxxHas(string version)
    {
        // The mapped file is the symlink's target, e.g. libstdc++.so.6.0.30.
        string? libstdcxx = File.ReadLines("/proc/self/maps").Select(l => l.IndexOf('/') is >= 0 and var i ? l[i..] : "")
            .FirstOrDefault(p => Path.GetFileName(p).StartsWith("libstdc++.so.6", StringComparison.Ordinal));
        Assert.NotNull(libstdcxx);
        byte[] bytes = File.ReadAllBytes(libstdcxx);
        byte[] needle = System.Text.Encoding.ASCII.GetBytes(version + "\0");
        return bytes.AsSpan().IndexOf(needle) >= 0;
    }
}
