using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using XraySynth.Common;
using XraySynth.Tests.TestSupport;
using XraySynth.Torch.Safetensors;
using static TorchSharp.torch;

namespace XraySynth.Tests.Torch.Safetensors;

public sealed class SafetensorsFileTests
{
    static SafetensorsTensor F32(string name, long[] shape, params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return new SafetensorsTensor(name, SafetensorsDtype.F32, shape, bytes);
    }

    static readonly SafetensorsTensor[] Mixed =
    [
        new("mask", SafetensorsDtype.U8, [3], [1, 0, 1]),
        F32("b.weight", [2, 2], 1, 2, 3, 4),
        new("count", SafetensorsDtype.I64, [], BitConverter.GetBytes(7L)),
        F32("a.bias", [3], -1, 0.5f, 2),
    ];

    /// <summary>A file built byte by byte as the format describes it (header length, JSON, spaces, buffer).</summary>
    static byte[] HandBuilt(string json, byte[] buffer)
    {
        var header = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + header.Length + buffer.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        buffer.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    [Fact]
    public void Round_trip_keeps_names_dtypes_shapes_bytes_and_metadata()
    {
        byte[] file = SafetensorsFile.Write(Mixed, new Dictionary<string, string> { ["format"] = "pt" });
        var (tensors, metadata) = SafetensorsFile.Read(file, "test");
        Assert.Equal("pt", metadata["format"]);
        foreach (var expected in Mixed)
        {
            var t = tensors.Single(x => x.Name == expected.Name);
            Assert.Equal(expected.Dtype, t.Dtype);
            Assert.Equal(expected.Shape, t.Shape);
            Assert.Equal(expected.Data, t.Data);
        }
    }

    [Fact]
    public void Header_is_padded_to_8_bytes_and_tensors_are_laid_out_by_element_size_then_name_each_aligned()
    {
        byte[] file = SafetensorsFile.Write(Mixed);
        long headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0, headerLength % 8);
        string raw = Encoding.UTF8.GetString(file, 8, (int)headerLength);
        Assert.InRange(raw.Length - raw.TrimEnd(' ').Length, 0, 7);                      // padding: spaces only
        Assert.EndsWith("}", raw.TrimEnd(' '));
        using var doc = JsonDocument.Parse(raw);
        var order = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["count", "a.bias", "b.weight", "mask"], order);                   // I64, then F32 by name, then U8
        long expectedBegin = 0;
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            var offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            int size = SafetensorsDtypes.Parse(property.Value.GetProperty("dtype").GetString()!)!.Value.Size();
            Assert.Equal(expectedBegin, offsets[0]);
            Assert.Equal(0, (8 + headerLength + offsets[0]) % size);
            expectedBegin = offsets[1];
        }
        Assert.Equal(file.Length - 8 - headerLength, expectedBegin);
    }

    [Fact]
    public void A_hand_built_file_parses_to_the_values_written_into_it()
    {
        var buffer = new byte[12];
        BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(0), 1.5f);
        BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(4), -2f);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(8), 42);
        string json = """{"__metadata__":{"who":"hand"},"w":{"dtype":"F32","shape":[1,2],"data_offsets":[0,8]},"n":{"dtype":"I32","shape":[],"data_offsets":[8,12]}}""";
        var (tensors, metadata) = SafetensorsFile.Read(HandBuilt(json, buffer), "hand");
        Assert.Equal("hand", metadata["who"]);
        var w = tensors.Single(t => t.Name == "w");
        Assert.Equal([1L, 2L], w.Shape);
        Assert.Equal(1.5f, BitConverter.ToSingle(w.Data, 0));
        Assert.Equal(-2f, BitConverter.ToSingle(w.Data, 4));
        var n = tensors.Single(t => t.Name == "n");
        Assert.Empty(n.Shape);
        Assert.Equal(42, BitConverter.ToInt32(n.Data));
    }

    [Theory]
    [InlineData("""{"w":{"dtype":"F12","shape":[2],"data_offsets":[0,8]}}""", "unknown dtype 'F12'")]
    [InlineData("""{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", "needs 12 bytes")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"v":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "overlap")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", "leave a gap")]
    [InlineData("""{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", "but the buffer has 8 bytes")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", "cover only 4")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", "names 'w' twice")]
    [InlineData("""{"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}""", "non-negative integers")]
    [InlineData("""[1, 2]""", "must be a JSON object")]
    [InlineData("""{"w": """, "not valid JSON")]
    public void Malformed_headers_are_refused_with_what_is_wrong(string json, string message)
    {
        var error = Assert.Throws<UserError>(() => SafetensorsFile.Read(HandBuilt(json, new byte[8]), "bad.safetensors"));
        Assert.Contains(message, error.Message);
        Assert.StartsWith("bad.safetensors:", error.Message);
    }

    [Fact]
    public void A_header_length_past_the_end_of_the_file_is_refused()
    {
        var bytes = HandBuilt("{}", []);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1000);
        Assert.Contains("runs past the end", Assert.Throws<UserError>(() => SafetensorsFile.Read(bytes, "x")).Message);
        Assert.Contains("header length is missing", Assert.Throws<UserError>(() => SafetensorsFile.Read(new byte[3], "x")).Message);
    }

    [Fact]
    public void The_writer_refuses_duplicate_names_and_data_that_does_not_fit_the_shape()
    {
        Assert.Throws<ArgumentException>(() => SafetensorsFile.Write([F32("a", [1], 1), F32("a", [1], 2)]));
        Assert.Throws<ArgumentException>(() => SafetensorsFile.Write([F32("a", [2], 1)]));
    }

    [Fact]
    public void Torch_tensors_round_trip_through_entries()
    {
        _ = TorchFixture.Cpu;
        using var source = arange(12, ScalarType.Float32).reshape(3, 4).t();         // non-contiguous view
        var entry = SafetensorsTensor.From("x", source);
        Assert.Equal([4L, 3L], entry.Shape);
        using var back = entry.ToTensor();
        using var expected = source.contiguous();
        Assert.Equal(expected.data<float>().ToArray(), back.data<float>().ToArray());
        using var counts = tensor(new long[] { 5, -3 });
        using var countsBack = SafetensorsTensor.From("c", counts).ToTensor();
        Assert.Equal(ScalarType.Int64, countsBack.dtype);
        Assert.Equal(new long[] { 5, -3 }, countsBack.data<long>().ToArray());
    }

    [PythonFact]
    public void Python_reads_the_header_and_values_with_json_and_struct_only()
    {
        string python = PythonFactAttribute.Python!;
        using var temp = new TempDirectory();
        string path = temp.File("x.safetensors");
        File.WriteAllBytes(path, SafetensorsFile.Write(Mixed));
        const string script = """
            import json, struct, sys
            data = open(sys.argv[1], 'rb').read()
            n, = struct.unpack('<Q', data[:8])
            header = json.loads(data[8:8 + n])
            b, e = header['a.bias']['data_offsets']
            values = struct.unpack('<3f', data[8 + n + b:8 + n + e])
            c0, c1 = header['count']['data_offsets']
            print(n % 8, header['b.weight']['shape'], values, struct.unpack('<q', data[8 + n + c0:8 + n + c1])[0])
            """;
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(path);
        using var process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        Assert.Equal("0 [2, 2] (-1.0, 0.5, 2.0) 7", output);
    }
}
