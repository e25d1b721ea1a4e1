using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace XraySynth.Data.Import;

/// <summary>
/// The header of a NumPy .npy array: magic <c>\x93NUMPY</c>, version, header length, then a Python dict literal
/// such as <c>{'descr': '|u1', 'fortran_order': False, 'shape': (2428, 28, 28), }</c>. The data follows it.
/// </summary>
/// <param name="Descr">The dtype string ('|u1', '&lt;i8', ...).</param>
/// <param name="FortranOrder">Column-major data (rejected by the readers here).</param>
/// <param name="Shape">Dimensions; empty for a scalar.</param>
public sealed partial record NpyHeader(string Descr, bool FortranOrder, IReadOnlyList<long> Shape)
{
    /// <summary>Number of elements (product of the shape).</summary>
    public long Count => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>The shape as NumPy prints it, e.g. (2428, 28, 28).</summary>
    public string ShapeText => Shape.Count == 1 ? $"({Shape[0]},)" : $"({string.Join(", ", Shape)})";

    /// <summary>Reads the header from <paramref name="stream"/>, leaving it at the first data byte.</summary>
    /// <exception cref="InvalidDataException">Not an .npy header (message says what was expected).</exception>
    public static NpyHeader Read(Stream stream)
    {
        Span<byte> prefix = stackalloc byte[12];
        if (stream.ReadAtLeast(prefix[..10], 10, throwOnEndOfStream: false) < 10 || prefix[0] != 0x93 || !prefix[1..6].SequenceEqual("NUMPY"u8))
            throw new InvalidDataException("not a NumPy .npy array (expected the magic \\x93NUMPY)");
        int major = prefix[6];
        long length;
        if (major == 1) length = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..10]);
        else if (major is 2 or 3)
        {
            if (stream.ReadAtLeast(prefix[10..12], 2, throwOnEndOfStream: false) < 2) throw new InvalidDataException("truncated .npy header");
            length = BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..12]);
        }
        else throw new InvalidDataException($"unsupported .npy format version {major} (expected 1, 2 or 3)");
        if (length > 1 << 20) throw new InvalidDataException($".npy header of {length} bytes: too long");
        var bytes = new byte[length];
        if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length) throw new InvalidDataException("truncated .npy header");
        return Parse(Encoding.Latin1.GetString(bytes));
    }

    /// <summary>Parses the header's dict literal.</summary>
    /// <exception cref="InvalidDataException">A key is missing or malformed.</exception>
    public static NpyHeader Parse(string dict)
    {
        var descr = DescrPattern().Match(dict);
        var fortran = FortranPattern().Match(dict);
        var shape = ShapePattern().Match(dict);
        if (!descr.Success || !fortran.Success || !shape.Success)
            throw new InvalidDataException($"malformed .npy header {dict.Trim()} (expected 'descr', 'fortran_order' and 'shape')");
        var dims = new List<long>();
        foreach (string part in shape.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string digits = part.TrimEnd('L');
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long d))
                throw new InvalidDataException($"malformed .npy shape '({shape.Groups[1].Value})'");
            dims.Add(d);
        }
        return new NpyHeader(descr.Groups[1].Value, fortran.Groups[1].Value == "True", dims);
    }

    [GeneratedRegex(@"['""]descr['""]\s*:\s*['""]([^'""]*)['""]")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"['""]fortran_order['""]\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"['""]shape['""]\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
