namespace XraySynth.Torch.Onnx;

/// <summary>
/// Builds a single-graph ONNX model (IR 8, default domain opset <see cref="Opset"/>) of float32 tensors: graph inputs
/// and outputs with a symbolic batch dimension, initializers, nodes with int/float/string/ints/floats attributes, and
/// model metadata. Field numbers follow onnx/onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto,
/// TensorProto, ValueInfoProto, TypeProto).
/// </summary>
public sealed class OnnxModelWriter
{
    /// <summary>The ai.onnx operator set version the nodes are written for.</summary>
    public const int Opset = 17;
    const int IrVersion = 8;
    const int FloatType = 1;   // TensorProto.DataType.FLOAT
    const int Int64Type = 7;   // TensorProto.DataType.INT64

    readonly List<Action<ProtoWriter>> nodes = [];
    readonly List<Action<ProtoWriter>> initializers = [];
    readonly List<Action<ProtoWriter>> inputs = [];
    readonly List<Action<ProtoWriter>> outputs = [];
    readonly HashSet<string> names = new(StringComparer.Ordinal);
    int counter;

    /// <summary>A fresh value name with <paramref name="prefix"/>.</summary>
    public string Name(string prefix) => $"{prefix}_{counter++}";

    /// <summary>A float32 graph input; null dimensions are symbolic (named "N").</summary>
    public void Input(string name, params long?[] shape) => inputs.Add(w => ValueInfo(w, name, shape));

    /// <summary>A float32 graph output; null dimensions are symbolic (named "N").</summary>
    public void Output(string name, params long?[] shape) => outputs.Add(w => ValueInfo(w, name, shape));

    /// <summary>A float32 constant, row-major.</summary>
    public string Constant(string name, float[] values, params long[] shape)
    {
        if (!names.Add(name)) throw new ArgumentException($"duplicate initializer '{name}'");
        if (values.LongLength != shape.Aggregate(1L, (a, b) => a * b)) throw new ArgumentException($"'{name}': {values.Length} values for shape [{string.Join(", ", shape)}]");
        var raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw_data is little-endian");
        initializers.Add(w => Tensor(w, name, FloatType, shape, raw));
        return name;
    }

    /// <summary>An int64 constant (shapes, axes).</summary>
    public string Constant(string name, long[] values)
    {
        if (!names.Add(name)) throw new ArgumentException($"duplicate initializer '{name}'");
        var raw = new byte[values.Length * 8];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        initializers.Add(w => Tensor(w, name, Int64Type, [values.Length], raw));
        return name;
    }

    /// <summary>
    /// A node of <paramref name="op"/> reading <paramref name="inputNames"/> ("" for an omitted optional input); returns its
    /// output's name. Attribute values: long, int, float, double (as float), string, long[] or float[].
    /// </summary>
    public string Node(string op, string[] inputNames, params (string Name, object Value)[] attributes)
    {
        string output = Name(op.ToLowerInvariant());
        nodes.Add(w =>
        {
            foreach (string input in inputNames) w.String(1, input);
            w.String(2, output);
            w.String(3, output + "_node");
            w.String(4, op);
            foreach (var (name, value) in attributes) w.Message(5, a => Attribute(a, name, value));
        });
        return output;
    }

    /// <summary>Renames the value <paramref name="value"/> to <paramref name="name"/> through an Identity node (for graph outputs).</summary>
    public void Alias(string value, string name) => nodes.Add(w => w.String(1, value).String(2, name).String(3, name + "_node").String(4, "Identity"));

    /// <summary>The serialized ModelProto.</summary>
    public byte[] ToBytes(string graphName, string producer, IReadOnlyDictionary<string, string> metadata, string documentation)
    {
        var model = new ProtoWriter()
            .Int64(1, IrVersion)
            .String(2, producer)
            .String(3, typeof(OnnxModelWriter).Assembly.GetName().Version?.ToString() ?? "0")
            .String(6, documentation)
            .Message(7, g =>
            {
                foreach (var node in nodes) g.Message(1, node);
                g.String(2, graphName);
                foreach (var init in initializers) g.Message(5, init);
                foreach (var input in inputs) g.Message(11, input);
                foreach (var output in outputs) g.Message(12, output);
            })
            .Message(8, o => o.String(1, "").Int64(2, Opset));
        foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) model.Message(14, e => e.String(1, key).String(2, value));
        return model.ToArray();
    }

    static void ValueInfo(ProtoWriter w, string name, long?[] shape)
    {
        w.String(1, name);
        w.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Int64(1, FloatType);
            tensor.Message(2, s =>
            {
                foreach (long? d in shape) s.Message(1, dim => { if (d is { } v) dim.Int64(1, v); else dim.String(2, "N"); });
            });
        }));
    }

    static void Tensor(ProtoWriter w, string name, int type, long[] shape, byte[] raw)
    {
        foreach (long d in shape) w.Int64(1, d);
        w.Int64(2, type);
        w.String(8, name);
        w.Bytes(9, raw);
    }

    static void Attribute(ProtoWriter a, string name, object value)
    {
        a.String(1, name);
        switch (value)
        {
            case float f: a.Float(2, f).Int64(20, 1); break;
            case double d: a.Float(2, (float)d).Int64(20, 1); break;
            case long i: a.Int64(3, i).Int64(20, 2); break;
            case int i: a.Int64(3, i).Int64(20, 2); break;
            case string s: a.Bytes(4, System.Text.Encoding.UTF8.GetBytes(s)).Int64(20, 3); break;
            case float[] fs: foreach (float f in fs) a.Float(7, f); a.Int64(20, 6); break;
            case long[] ints: foreach (long i in ints) a.Int64(8, i); a.Int64(20, 7); break;
            default: throw new ArgumentException($"attribute '{name}': unsupported value type {value.GetType().Name}");
        }
    }
}
