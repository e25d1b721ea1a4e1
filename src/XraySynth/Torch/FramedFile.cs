using System.Text;
using XraySynth.Common;

namespace XraySynth.Torch;

/// <summary>
/// The frame of XraySynth's snapshot and model files: a magic string naming the kind, a format version, a JSON
/// header, the body (TorchSharp module and optimizer formats), and an end marker, written atomically. A file
/// without the end marker was cut short; nothing in such files is executable.
/// </summary>
public static class FramedFile
{
    static readonly byte[] EndMarker = "XRAYSYNTH-END"u8.ToArray();

    /// <summary>Writes a framed file atomically (temp file + rename).</summary>
    public static void Write(string path, string magic, int version, string headerJson, Action<BinaryWriter> body) =>
        AtomicFile.WriteBinary(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(magic);
            writer.Write(version);
            writer.Write(headerJson);
            body(writer);
            writer.Write(EndMarker);
        });

    /// <summary>
    /// Opens a framed file of kind <paramref name="magic"/> and returns a reader positioned at the body and the JSON header.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="magic">Expected magic string.</param>
    /// <param name="version">Format version this code reads.</param>
    /// <param name="kind">Human name for messages, e.g. "GAN snapshot".</param>
    /// <exception cref="UserError">Missing, another kind, cut short, or another version.</exception>
    public static (BinaryReader Reader, string HeaderJson) Open(string path, string magic, int version, string kind)
    {
        if (!File.Exists(path)) throw new UserError($"{path} does not exist");
        var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        try
        {
            var stream = reader.BaseStream;
            string found;
            try { found = reader.ReadString(); }
            catch (Exception e) when (e is EndOfStreamException or IOException or FormatException) { found = ""; }
            if (found != magic) throw new UserError($"{path}: not an XraySynth {kind}");
            long body = stream.Position;
            stream.Seek(-Math.Min(stream.Length, EndMarker.Length), SeekOrigin.End);
            if (!reader.ReadBytes(EndMarker.Length).AsSpan().SequenceEqual(EndMarker))
                throw new UserError($"{path}: truncated or corrupt {kind} (no end marker: the write was cut short)");
            stream.Seek(body, SeekOrigin.Begin);
            int foundVersion = reader.ReadInt32();
            if (foundVersion != version) throw new UserError($"{path}: {kind} format {foundVersion}, this XraySynth reads {version}");
            return (reader, reader.ReadString());
        }
        catch (Exception e) when (e is not UserError)
        {
            reader.Dispose();
            if (e is EndOfStreamException or IOException or FormatException) throw new UserError($"{path}: truncated or corrupt {kind} ({e.Message})", e);
            throw;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Reads a framed file's body with <paramref name="read"/>, turning a short or malformed body into a <see cref="UserError"/>.</summary>
    public static T ReadBody<T>(string path, string kind, Func<T> read)
    {
        try { return read(); }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException or System.Text.Json.JsonException)
        {
            throw new UserError($"{path}: truncated or corrupt {kind} ({e.Message})", e);
        }
    }
}
