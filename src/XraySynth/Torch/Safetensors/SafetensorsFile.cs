using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using XraySynth.Common;

namespace XraySynth.Torch.Safetensors;

/// <summary>
/// The safetensors format (huggingface/safetensors), read and written without executing anything: an 8-byte
/// little-endian header length N, N bytes of UTF-8 JSON <c>{name: {dtype, shape, data_offsets: [begin, end]},
/// "__metadata__": {str: str}}</c> padded with spaces to a multiple of 8, then the byte buffer (offsets are relative
/// to its start). PyTorch reads the files with <c>safetensors.torch.load_file</c>.
/// </summary>
public static class SafetensorsFile
{
    /// <summary>Header key of the free-form string metadata.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>Largest header accepted (as the reference implementation: 100 MB).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>
    /// Serializes tensors and metadata. Tensors are laid out by element size (largest first), then by name (ordinal),
    /// as the reference writer does, so with the 8-aligned buffer start every tensor starts at a multiple of its element size.
    /// </summary>
    /// <exception cref="ArgumentException">Duplicate names, the reserved name, or data that does not match dtype × shape.</exception>
    public static byte[] Write(IEnumerable<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var ordered = tensors.OrderByDescending(t => t.Dtype.Size()).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in ordered)
        {
            if (t.Name == MetadataKey) throw new ArgumentException($"'{MetadataKey}' is reserved and cannot name a tensor");
            if (!names.Add(t.Name)) throw new ArgumentException($"duplicate tensor name '{t.Name}'");
            if (t.Shape.Any(d => d < 0)) throw new ArgumentException($"'{t.Name}': negative dimension");
            if (t.Data.LongLength != t.ElementCount * t.Dtype.Size())
                throw new ArgumentException($"'{t.Name}': {t.Data.LongLength} bytes, but {t.Dtype} [{string.Join(", ", t.Shape)}] needs {t.ElementCount * t.Dtype.Size()}");
        }

        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) writer.WriteString(key, value);
                writer.WriteEndObject();
            }
            long offset = 0;
            foreach (var t in ordered)
            {
                writer.WriteStartObject(t.Name);
                writer.WriteString("dtype", t.Dtype.ToString());
                writer.WriteStartArray("shape");
                foreach (long d in t.Shape) writer.WriteNumberValue(d);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset + t.Data.LongLength);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset += t.Data.LongLength;
            }
            writer.WriteEndObject();
        }
        int padding = (int)((8 - json.Length % 8) % 8);
        long headerLength = json.Length + padding;
        using var output = new MemoryStream();
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)headerLength);
        output.Write(length);
        json.Position = 0;
        json.CopyTo(output);
        for (int i = 0; i < padding; i++) output.WriteByte((byte)' ');
        foreach (var t in ordered) output.Write(t.Data);
        return output.ToArray();
    }

    /// <summary>
    /// Parses and validates a whole file: header length within the file, JSON object, no duplicate keys, known dtypes,
    /// data_offsets that match dtype × shape and tile the buffer exactly (no gaps, no overlaps, nothing out of range).
    /// </summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="source">Name for messages (file or bundle entry).</param>
    /// <exception cref="UserError">Anything malformed, with what was expected.</exception>
    public static (IReadOnlyList<SafetensorsTensor> Tensors, IReadOnlyDictionary<string, string> Metadata) Read(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < 8) throw new UserError($"{source}: not a safetensors file ({bytes.Length} bytes, the 8-byte header length is missing)");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderBytes) throw new UserError($"{source}: safetensors header of {headerLength} bytes is over the {MaxHeaderBytes}-byte limit");
        if ((long)headerLength > bytes.Length - 8)
            throw new UserError($"{source}: safetensors header length {headerLength} runs past the end of the file ({bytes.Length - 8} bytes after the length)");
        var header = bytes.Slice(8, (int)headerLength);
        var buffer = bytes[(8 + (int)headerLength)..];

        JsonDocument document;
        try { document = JsonDocument.Parse(header.ToArray(), new JsonDocumentOptions { MaxDepth = 8 }); }
        catch (JsonException e) { throw new UserError($"{source}: safetensors header is not valid JSON ({e.Message})", e); }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new UserError($"{source}: safetensors header must be a JSON object");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<(string Name, SafetensorsDtype Dtype, long[] Shape, long Begin, long End)>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name)) throw new UserError($"{source}: safetensors header names '{property.Name}' twice");
                if (property.Name == MetadataKey) ReadMetadata(property.Value, metadata, source);
                else entries.Add(ReadEntry(property.Name, property.Value, source));
            }

            long expected = 0;
            foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
            {
                if (e.Begin != expected)
                    throw new UserError(e.Begin < expected
                        ? $"{source}: tensor '{e.Name}' data_offsets [{e.Begin}, {e.End}] overlap another tensor"
                        : $"{source}: tensor '{e.Name}' data_offsets [{e.Begin}, {e.End}] leave a gap at byte {expected}");
                expected = e.End;
            }
            if (expected != buffer.Length)
                throw new UserError(expected > buffer.Length
                    ? $"{source}: tensor data_offsets reach byte {expected}, but the buffer has {buffer.Length} bytes"
                    : $"{source}: the buffer has {buffer.Length} bytes, but the tensors cover only {expected}");

            var tensors = new List<SafetensorsTensor>(entries.Count);
            foreach (var e in entries) tensors.Add(new SafetensorsTensor(e.Name, e.Dtype, e.Shape, buffer[(int)e.Begin..(int)e.End].ToArray()));
            return (tensors, metadata);
        }
    }

    static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
    {
        if (value.ValueKind != JsonValueKind.Object) throw new UserError($"{source}: '{MetadataKey}' must be an object of strings");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String) throw new UserError($"{source}: '{MetadataKey}.{item.Name}' must be a string");
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!)) throw new UserError($"{source}: '{MetadataKey}' names '{item.Name}' twice");
        }
    }

    static (string, SafetensorsDtype, long[], long, long) ReadEntry(string name, JsonElement value, string source)
    {
        string where = $"{source}: tensor '{name}'";
        if (value.ValueKind != JsonValueKind.Object) throw new UserError($"{where} must be an object with dtype, shape, data_offsets");
        if (!value.TryGetProperty("dtype", out var dtypeText) || dtypeText.ValueKind != JsonValueKind.String)
            throw new UserError($"{where} has no dtype string");
        var dtype = SafetensorsDtypes.Parse(dtypeText.GetString()!)
            ?? throw new UserError($"{where}: unknown dtype '{dtypeText.GetString()}' (expected one of {string.Join(", ", Enum.GetNames<SafetensorsDtype>())})");
        long[] shape = Integers(value, "shape", where);
        long[] offsets = Integers(value, "data_offsets", where);
        if (offsets.Length != 2 || offsets[0] > offsets[1]) throw new UserError($"{where}: data_offsets must be [begin, end] with begin <= end");
        long needed = dtype.Size();
        try { foreach (long d in shape) needed = checked(needed * d); }
        catch (OverflowException) { throw new UserError($"{where}: shape [{string.Join(", ", shape)}] is too large"); }
        if (offsets[1] - offsets[0] != needed)
            throw new UserError($"{where}: {dtype} [{string.Join(", ", shape)}] needs {needed} bytes, data_offsets [{offsets[0]}, {offsets[1]}] hold {offsets[1] - offsets[0]}");
        return (name, dtype, shape, offsets[0], offsets[1]);
    }

    static long[] Integers(JsonElement value, string key, string where)
    {
        if (!value.TryGetProperty(key, out var array) || array.ValueKind != JsonValueKind.Array)
            throw new UserError($"{where} has no {key} array");
        var list = new List<long>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long v) || v < 0)
                throw new UserError($"{where}: {key} must hold non-negative integers");
            list.Add(v);
        }
        return list.ToArray();
    }

    /// <summary>The UTF-8 text of a file's header without the padding (for inspection and tests).</summary>
    public static string HeaderText(ReadOnlySpan<byte> bytes)
    {
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return Encoding.UTF8.GetString(bytes.Slice(8, (int)length)).TrimEnd(' ');
    }
}
