using System.Text;

namespace XraySynth.Common;

/// <summary>Writes files so that a crash never leaves a half-written file: a temp file beside it, then a rename.</summary>
public static class AtomicFile
{
    /// <summary>Writes text through <paramref name="write"/> into <paramref name="path"/> atomically (UTF-8, no BOM).</summary>
    public static void WriteText(string path, Action<TextWriter> write)
    {
        string temporary = TemporaryBeside(path);
        try
        {
            using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false)))
                write(writer);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Writes bytes through <paramref name="write"/> into <paramref name="path"/> atomically.</summary>
    public static void WriteBinary(string path, Action<Stream> write)
    {
        string temporary = TemporaryBeside(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                write(stream);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    static string TemporaryBeside(string path)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
    }
}
