using System.Text;

namespace XraySynth.Tests.Evaluate.Features;

/// <summary>
/// Writes a one-node ONNX model (GlobalAveragePool: float [N, C, S, S] → [N, C, 1, 1]) by encoding its protobuf by hand,
/// so the ONNX feature path is tested without any model download or Python.
/// </summary>
public static class TinyOnnxModel
{
    /// <summary>Saves the model to <paramref name="path"/>; the batch dimension is symbolic unless <paramref name="batch"/> is given.</summary>
    public static void Write(string path, int channels, int size, int? batch = null)
    {
        byte[] Shape(params object[] dims) => Concat(dims.Select(d => Message(1, d is string name ? Text(2, name) : Varint(1, (int)d))).ToArray());
        byte[] Value(string name, byte[] shape) => Concat(Text(1, name), Message(2, Message(1, Concat(Varint(1, 1), Message(2, shape)))));   // float tensor
        object n = batch is { } b ? b : "N";
        var node = Concat(Text(1, "x"), Text(2, "y"), Text(3, "pool"), Text(4, "GlobalAveragePool"));
        var graph = Concat(Message(1, node), Text(2, "tiny"), Message(11, Value("x", Shape(n, channels, size, size))), Message(12, Value("y", Shape(n, channels, 1, 1))));
        var model = Concat(Varint(1, 8), Message(8, Varint(2, 13)), Message(7, graph));                                // ir_version 8, opset 13
        File.WriteAllBytes(path, model);
    }

    static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
    static byte[] Tag(int field, int wire) => Raw((ulong)((field << 3) | wire));
    static byte[] Varint(int field, long value) => Concat(Tag(field, 0), Raw((ulong)value));
    static byte[] Message(int field, byte[] payload) => Concat(Tag(field, 2), Raw((ulong)payload.Length), payload);
    static byte[] Text(int field, string value) => Message(field, Encoding.UTF8.GetBytes(value));

    static byte[] Raw(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        } while (value != 0);
        return bytes.ToArray();
    }
}
