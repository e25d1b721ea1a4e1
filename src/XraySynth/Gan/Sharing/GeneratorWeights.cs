using System.Text.RegularExpressions;
using TorchSharp;
using XraySynth.Common;
using XraySynth.Torch.Safetensors;
using static TorchSharp.torch;

namespace XraySynth.Gan.Sharing;

/// <summary>
/// A generator's parameters and buffers as safetensors entries under the names the PyTorch reference generators in
/// bench/reference use (<c>dcgan.py</c>: <c>body.0.weight</c>, ...; <c>pggan.py</c>: <c>to_gray.0.weight</c>, ...), so
/// <c>model.load_state_dict(safetensors.torch.load_file(...))</c> needs no key map there.
/// </summary>
public static partial class GeneratorWeights
{
    /// <summary>Every state entry of <paramref name="generator"/> (host copies, PyTorch names).</summary>
    public static IReadOnlyList<SafetensorsTensor> Export(nn.Module generator, GanKind kind)
    {
        var state = generator.state_dict();
        int levels = DcganLevels(state.Keys);
        return state.Select(p => SafetensorsTensor.From(PytorchName(p.Key, kind, levels), p.Value)).ToList();
    }

    /// <summary>
    /// Copies <paramref name="tensors"/> into <paramref name="generator"/>: every entry it expects must be there with the
    /// same dtype and shape, and nothing else may be.
    /// </summary>
    /// <exception cref="UserError">A missing, extra, or mis-shaped tensor, or another dtype, naming it.</exception>
    public static void Load(nn.Module generator, GanKind kind, IReadOnlyList<SafetensorsTensor> tensors, string source)
    {
        var byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var state = generator.state_dict();
        int levels = DcganLevels(state.Keys);
        var expected = state.ToDictionary(p => PytorchName(p.Key, kind, levels), p => p.Value, StringComparer.Ordinal);
        foreach (string extra in byName.Keys.Where(k => !expected.ContainsKey(k)).Order(StringComparer.Ordinal))
            throw new UserError($"{source}: tensor '{extra}' is not part of this {kind} generator");
        foreach (var (name, target) in expected)
        {
            if (!byName.TryGetValue(name, out var t)) throw new UserError($"{source}: tensor '{name}' is missing");
            var dtype = SafetensorsDtypes.FromScalarType(target.dtype);
            if (t.Dtype != dtype) throw new UserError($"{source}: tensor '{name}' is {t.Dtype}, this generator needs {dtype}");
            if (!t.Shape.SequenceEqual(target.shape))
                throw new UserError($"{source}: tensor '{name}' has shape [{string.Join(", ", t.Shape)}], the config needs [{string.Join(", ", target.shape)}]");
        }
        using var noGrad = no_grad();
        foreach (var (name, target) in expected)
        {
            using var source_ = byName[name].ToTensor();
            target.copy_(source_);
        }
    }

    /// <summary>The PyTorch reference name of a TorchSharp state entry (<paramref name="dcganLevels"/>: the DCGAN's upsampling steps).</summary>
    public static string PytorchName(string name, GanKind kind, int dcganLevels)
    {
        if (kind == GanKind.Pggan) return name.StartsWith("toGray.", StringComparison.Ordinal) ? "to_gray." + name["toGray.".Length..] : name;
        // DCGAN body: project, project_bn, project_relu, up1, up1_bn, up1_relu, ..., to_image, tanh → nn.Sequential indices.
        var m = DcganBody().Match(name);
        if (!m.Success) return name;
        string layer = m.Groups[1].Value, rest = m.Groups[2].Value;
        int index = layer switch
        {
            "project" => 0,
            "project_bn" => 1,
            "to_image" => 3 * dcganLevels,
            _ when layer.StartsWith("up", StringComparison.Ordinal) => 3 * int.Parse(layer[2..].Replace("_bn", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) + (layer.EndsWith("_bn", StringComparison.Ordinal) ? 1 : 0),
            _ => throw new InvalidOperationException($"unexpected DCGAN layer '{layer}'"),
        };
        return $"body.{index}.{rest}";
    }

    static int DcganLevels(IEnumerable<string> names) => 1 + names.Count(n => DcganUpWeight().IsMatch(n));

    [GeneratedRegex(@"^body\.up[0-9]+\.weight$")]
    private static partial Regex DcganUpWeight();

    [GeneratedRegex(@"^body\.([a-z0-9_]+)\.(.+)$")]
    private static partial Regex DcganBody();
}
