using Google.Protobuf;

namespace XraySynth.Torch.Onnx;

/// <summary>
/// Writes protobuf messages field by field (wire format through Google.Protobuf's <see cref="CodedOutputStream"/>):
/// enough for the ONNX subset <see cref="OnnxModelWriter"/> emits, without generated classes.
/// </summary>
public sealed class ProtoWriter
{
    readonly MemoryStream buffer = new();
    readonly CodedOutputStream output;

    /// <summary>Starts an empty message.</summary>
    public ProtoWriter() => output = new CodedOutputStream(buffer, leaveOpen: true);

    /// <summary>A varint field (int32, int64 and enum fields).</summary>
    public ProtoWriter Int64(int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
        return this;
    }

    /// <summary>A 32-bit float field.</summary>
    public ProtoWriter Float(int field, float value)
    {
        output.WriteTag(field, WireFormat.WireType.Fixed32);
        output.WriteFloat(value);
        return this;
    }

    /// <summary>A string field (UTF-8).</summary>
    public ProtoWriter String(int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
        return this;
    }

    /// <summary>A bytes field.</summary>
    public ProtoWriter Bytes(int field, byte[] value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(value));
        return this;
    }

    /// <summary>An embedded message field.</summary>
    public ProtoWriter Message(int field, Action<ProtoWriter> write)
    {
        var inner = new ProtoWriter();
        write(inner);
        return Bytes(field, inner.ToArray());
    }

    /// <summary>The message's bytes.</summary>
    public byte[] ToArray()
    {
        output.Flush();
        return buffer.ToArray();
    }
}
