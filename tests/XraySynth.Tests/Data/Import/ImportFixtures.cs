using System.IO.Compression;
using System.Text;
using XraySynth.Common;
using XraySynth.Data.Images;

namespace XraySynth.Tests.Data.Import;

/// <summary>Tiny on-disk inputs the import tests write themselves: PNGs, NIH label files, .npz archives.</summary>
public static class ImportFixtures
{
    /// <summary>The header of NIH's Data_Entry_2017.csv (the bracketed names split into two columns each).</summary>
    public const string NihHeader = "Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y]";

    /// <summary>One Data_Entry row.</summary>
    public static string NihRow(string image, string labels, int followUp, string patient, string age = "58", string sex = "M", string view = "PA") =>
        $"{image},{labels},{followUp},{patient},{age},{sex},{view},2500,2048,0.168,0.168";

    /// <summary>Writes a uniform gray PNG (creating folders).</summary>
    public static void Png(string path, int width = 8, int height = 8, byte value = 100)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var pixels = Enumerable.Repeat(value, width * height).ToArray();
        ImageCodec.WritePng(new GrayImage(width, height, pixels), path);
    }

    /// <summary>Writes text lines (creating folders).</summary>
    public static void Lines(string path, params string[] lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
    }

    /// <summary>An .npy file: version 1 header padded to 64 bytes, then <paramref name="data"/>.</summary>
    public static byte[] Npy(string descr, long[] shape, byte[] data)
    {
        string shapeText = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        int padded = (10 + dict.Length + 1 + 63) / 64 * 64;
        string header = dict.PadRight(padded - 10 - 1) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.AddRange([1, 0, (byte)(header.Length & 0xFF), (byte)(header.Length >> 8)]);
        bytes.AddRange(Encoding.Latin1.GetBytes(header));
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    /// <summary>A zip of KEY.npy entries, as numpy.savez writes it.</summary>
    public static void Npz(string path, IReadOnlyDictionary<string, byte[]> arrays)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (key, npy) in arrays)
        {
            using var stream = zip.CreateEntry(key + ".npy", CompressionLevel.Fastest).Open();
            stream.Write(npy);
        }
    }

    /// <summary>A MedMNIST-style npz: per split N images of <paramref name="size"/>² (pixel = row index) and uint8 labels.</summary>
    public static void MedMnist(string path, int size, int labelWidth, (int Train, int Val, int Test) counts, Func<int, int, byte>? label = null,
        string labelDescr = "|u1", string imageDescr = "|u1")
    {
        label ??= (row, column) => (byte)((row + column) % 2);
        var arrays = new Dictionary<string, byte[]>();
        foreach (var (key, n) in new[] { ("train", counts.Train), ("val", counts.Val), ("test", counts.Test) })
        {
            var pixels = new byte[n * size * size];
            for (int i = 0; i < n; i++) pixels.AsSpan(i * size * size, size * size).Fill((byte)(i * 10 % 256));
            arrays[$"{key}_images"] = Npy(imageDescr, [n, size, size], pixels);
            int itemSize = labelDescr.EndsWith('8') ? 8 : 1;
            var labels = new byte[n * labelWidth * itemSize];
            for (int i = 0; i < n; i++)
                for (int c = 0; c < labelWidth; c++) labels[(i * labelWidth + c) * itemSize] = label(i, c);
            arrays[$"{key}_labels"] = Npy(labelDescr, [n, labelWidth], labels);
        }
        Npz(path, arrays);
    }
}
