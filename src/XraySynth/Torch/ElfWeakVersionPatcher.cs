// This one file is compiled twice: into the XraySynth library (where the tests exercise it) and,
// through RoslynCodeTaskFactory, into the MSBuild task that patches every build's output
// (build/XraySynth.Native.targets). Keep it free of dependencies beyond the BCL and MSBuild.
#nullable enable
using System;
using System.IO;
using System.Text;

namespace XraySynth.Torch
{
    /// <summary>What <see cref="ElfWeakVersionPatcher.Patch"/> did to a file.</summary>
    public enum ElfPatchOutcome
    {
        /// <summary>The version need was strong and is now weak.</summary>
        Patched,
        /// <summary>The version need was already weak: nothing written.</summary>
        AlreadyWeak,
        /// <summary>The file has no need for that version: nothing written.</summary>
        NotNeeded,
    }

    /// <summary>
    /// Marks a symbol-version requirement (e.g. <c>GLIBCXX_3.4.32</c>) of an ELF64 shared library as weak
    /// (<c>VER_FLG_WEAK</c>), so the dynamic loader only warns instead of refusing to load the library when
    /// the system library lacks that version. libLibTorchSharp.so 0.107 names GLIBCXX_3.4.32 for a symbol
    /// it never calls; Debian 12's libstdc++ stops at 3.4.30.
    /// </summary>
    public static class ElfWeakVersionPatcher
    {
        /// <summary>The version libLibTorchSharp.so 0.107 asks for but does not use.</summary>
        public const string LibTorchSharpVersion = "GLIBCXX_3.4.32";

        const uint ShtGnuVerneed = 0x6ffffffe;
        const ushort VerFlagWeak = 0x2;

        /// <summary>Patches <paramref name="path"/> in place (only the two flag bytes change).</summary>
        public static ElfPatchOutcome Patch(string path, string versionName)
        {
            byte[] elf = File.ReadAllBytes(path);
            long flagsOffset = FindVernauxFlags(elf, versionName, path);
            if (flagsOffset < 0) return ElfPatchOutcome.NotNeeded;
            ushort flags = BitConverter.ToUInt16(elf, (int)flagsOffset);
            if ((flags & VerFlagWeak) != 0) return ElfPatchOutcome.AlreadyWeak;
            byte[] newFlags = BitConverter.GetBytes((ushort)(flags | VerFlagWeak));
            elf[flagsOffset] = newFlags[0];
            elf[flagsOffset + 1] = newFlags[1];
            // Write a new file and rename it over the old one: atomic, and it never writes through a hard
            // link into the NuGet cache (builds hard-link native files into their outputs).
            string temporary = path + ".xraysynth-patch.tmp";
            File.WriteAllBytes(temporary, elf);
            File.Replace(temporary, path, null);
            return ElfPatchOutcome.Patched;
        }

        /// <summary>True when <paramref name="path"/> needs <paramref name="versionName"/> and that need is weak.</summary>
        public static bool IsWeak(string path, string versionName)
        {
            byte[] elf = File.ReadAllBytes(path);
            long offset = FindVernauxFlags(elf, versionName, path);
            return offset >= 0 && (BitConverter.ToUInt16(elf, (int)offset) & VerFlagWeak) != 0;
        }

        /// <summary>True when <paramref name="path"/> names <paramref name="versionName"/> among its version needs.</summary>
        public static bool Needs(string path, string versionName) =>
            FindVernauxFlags(File.ReadAllBytes(path), versionName, path) >= 0;

        /// <summary>File offset of the vna_flags field of the Vernaux entry named <paramref name="versionName"/>, or -1.</summary>
        static long FindVernauxFlags(byte[] elf, string versionName, string path)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException(path + ": not an ELF file");
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException(path + ": only 64-bit little-endian ELF files are supported");

            long sectionTable = (long)BitConverter.ToUInt64(elf, 0x28);
            int entrySize = BitConverter.ToUInt16(elf, 0x3A);
            int sectionCount = BitConverter.ToUInt16(elf, 0x3C);
            for (int i = 0; i < sectionCount; i++)
            {
                long header = sectionTable + (long)i * entrySize;
                Require(elf, header, 64, path);
                if (BitConverter.ToUInt32(elf, (int)header + 4) != ShtGnuVerneed) continue;

                long verneedOffset = (long)BitConverter.ToUInt64(elf, (int)header + 24);
                uint stringSectionIndex = BitConverter.ToUInt32(elf, (int)header + 40);
                uint verneedCount = BitConverter.ToUInt32(elf, (int)header + 44);
                long stringHeader = sectionTable + (long)stringSectionIndex * entrySize;
                Require(elf, stringHeader, 64, path);
                long strings = (long)BitConverter.ToUInt64(elf, (int)stringHeader + 24);

                long verneed = verneedOffset;
                for (uint n = 0; n < verneedCount; n++)
                {
                    // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32
                    Require(elf, verneed, 16, path);
                    int auxCount = BitConverter.ToUInt16(elf, (int)verneed + 2);
                    long aux = verneed + BitConverter.ToUInt32(elf, (int)verneed + 8);
                    for (int a = 0; a < auxCount; a++)
                    {
                        // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32
                        Require(elf, aux, 16, path);
                        long name = strings + BitConverter.ToUInt32(elf, (int)aux + 8);
                        if (ReadCString(elf, name, path) == versionName) return aux + 4;
                        uint nextAux = BitConverter.ToUInt32(elf, (int)aux + 12);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    uint next = BitConverter.ToUInt32(elf, (int)verneed + 12);
                    if (next == 0) break;
                    verneed += next;
                }
            }
            return -1;
        }

        static string ReadCString(byte[] elf, long offset, string path)
        {
            Require(elf, offset, 1, path);
            int end = Array.IndexOf(elf, (byte)0, (int)offset);
            if (end < 0) throw new InvalidDataException(path + ": unterminated string in the ELF string table");
            return Encoding.ASCII.GetString(elf, (int)offset, end - (int)offset);
        }

        static void Require(byte[] elf, long offset, int length, string path)
        {
            if (offset < 0 || offset + length > elf.Length)
                throw new InvalidDataException(path + ": truncated or corrupt ELF (offset " + offset + " out of range)");
        }
    }

#if !XRAYSYNTH_LIBRARY
    /// <summary>MSBuild task: marks GLIBCXX_3.4.32 weak in every libLibTorchSharp.so under a folder.</summary>
    public sealed class PatchLibTorchSharpWeakVersion : Microsoft.Build.Utilities.Task
    {
        /// <summary>Folder searched recursively (the build or publish output).</summary>
        [Microsoft.Build.Framework.Required]
        public string Directory { get; set; } = "";

        public override bool Execute()
        {
            if (!System.IO.Directory.Exists(Directory)) return true;
            foreach (string file in System.IO.Directory.EnumerateFiles(Directory, "libLibTorchSharp.so", SearchOption.AllDirectories))
            {
                ElfPatchOutcome outcome = ElfWeakVersionPatcher.Patch(file, ElfWeakVersionPatcher.LibTorchSharpVersion);
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "{0}: {1} {2}", file, ElfWeakVersionPatcher.LibTorchSharpVersion, outcome);
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
