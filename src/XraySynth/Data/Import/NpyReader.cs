using System.Buffers.Binary;

namespace XraySynth.Data.Import;

/// <summary>
/// Reads the data of a C-order .npy array from a stream, row by row, so a 224-px ChestMNIST (5.6 GB of pixels)
/// never has to fit in memory. Supports what MedMNIST uses: uint8 images; uint8, int32 or int64 labels.
/// </summary>
public sealed class NpyReader : IDisposable
{
    readonly Stream stream;

    /// <summary>The array's header.</summary>
    public NpyHeader Header { get; }

    /// <summary>Bytes per element.</summary>
    public int ElementSize { get; }

    /// <summary>Element kind: 'u' (unsigned) or 'i' (signed).</summary>
    public char Kind { get; }

    /// <summary>Reads the header; <paramref name="name"/> is used in messages.</summary>
    /// <exception cref="InvalidDataException">Bad header, Fortran order, or a dtype other than the supported integers.</exception>
    public NpyReader(Stream stream, string name)
    {
        this.stream = stream;
        try { Header = NpyHeader.Read(stream); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{name}: {e.Message}", e); }
        catch (EndOfStreamException) { throw new InvalidDataException($"{name}: truncated .npy header"); }
        if (Header.FortranOrder) throw new InvalidDataException($"{name}: Fortran-order arrays are not supported (save with C order)");
        (Kind, ElementSize) = Header.Descr switch
        {
            "|u1" or "<u1" or ">u1" or "=u1" => ('u', 1),
            "|i1" or "<i1" or ">i1" or "=i1" => ('i', 1),
            "<i4" or "=i4" => ('i', 4),
            "<u4" or "=u4" => ('u', 4),
            "<i8" or "=i8" => ('i', 8),
            "<u8" or "=u8" => ('u', 8),
            _ => throw new InvalidDataException(
                $"{name}: dtype '{Header.Descr}' is not supported (expected uint8 '|u1' images and uint8/int32/int64 labels, little-endian)"),
        };
    }

    /// <summary>Reads the next <paramref name="destination"/>.Length raw bytes.</summary>
    /// <exception cref="InvalidDataException">The array ends early.</exception>
    public void ReadBytes(Span<byte> destination)
    {
        if (stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false) < destination.Length)
            throw new InvalidDataException($"truncated .npy data (shape {Header.ShapeText})");
    }

    /// <summary>Reads every element as a 64-bit integer (for label arrays).</summary>
    /// <exception cref="InvalidDataException">The array ends early.</exception>
    public long[] ReadAllAsInt64()
    {
        if (Header.Count > 1L << 28) throw new InvalidDataException($"label array of shape {Header.ShapeText} is too large");
        int count = (int)Header.Count;
        var bytes = new byte[count * ElementSize];
        ReadBytes(bytes);
        var values = new long[count];
        for (int i = 0; i < count; i++)
        {
            var span = bytes.AsSpan(i * ElementSize, ElementSize);
            values[i] = (Kind, ElementSize) switch
            {
                ('u', 1) => span[0],
                ('i', 1) => (sbyte)span[0],
                ('i', 4) => BinaryPrimitives.ReadInt32LittleEndian(span),
                ('u', 4) => BinaryPrimitives.ReadUInt32LittleEndian(span),
                ('i', 8) => BinaryPrimitives.ReadInt64LittleEndian(span),
                _ => (long)BinaryPrimitives.ReadUInt64LittleEndian(span),
            };
        }
        return values;
    }

    /// <inheritdoc />
    public void Dispose() => stream.Dispose();
}
