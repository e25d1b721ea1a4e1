using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using XraySynth.Common;
using XraySynth.Configuration;
using XraySynth.Gan.Dcgan;
using XraySynth.Gan.Pggan;

namespace XraySynth.Gan.Sharing;

/// <summary>
/// config.json of a bundle: everything needed to rebuild the generator and sample it (family, architecture, labels in
/// condition order, the phase it samples at) and where it came from. Snake-case JSON, read by bench/reference/load_safetensors.py.
/// </summary>
public sealed record BundleConfig
{
    /// <summary>Value of <see cref="Format"/>.</summary>
    public const string FormatName = "xraysynth-gan-bundle";

    /// <summary>Bundle format name.</summary>
    public string Format { get; init; } = FormatName;
    /// <summary>Bundle format version.</summary>
    public int FormatVersion { get; init; } = 1;
    /// <summary>Generator family.</summary>
    public GanKind Kind { get; init; }
    /// <summary>DCGAN architecture (kind dcgan).</summary>
    public DcganArchitecture? Dcgan { get; init; }
    /// <summary>PGGAN architecture (kind pggan).</summary>
    public PgganArchitecture? Pggan { get; init; }
    /// <summary>Label vocabulary in condition order (the multi-hot input).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];
    /// <summary>Resolution the generator samples at: the final one, or a PGGAN's phase when the run had not reached it.</summary>
    public int SampleResolution { get; init; }
    /// <summary>PGGAN fade-in weight of <see cref="SampleResolution"/> (1 = complete; always 1 for DCGAN).</summary>
    public double Alpha { get; init; } = 1;
    /// <summary>Thousands of real images the discriminator had seen at the snapshot.</summary>
    public double Kimg { get; init; }
    /// <summary>The run folder's name.</summary>
    public string Run { get; init; } = "";
    /// <summary>SHA-256 of the snapshot the weights come from: the generator's identity in synthetic manifests.</summary>
    public string SnapshotSha256 { get; init; } = "";
    /// <summary>Name of the training dataset.</summary>
    public string TrainingData { get; init; } = "";
    /// <summary>Where the training data came from and its license, as the model card states it.</summary>
    public string TrainingDataLicense { get; init; } = "";
    /// <summary>Export time (UTC, ISO 8601).</summary>
    public string CreatedUtc { get; init; } = "";

    /// <summary>Latent size of the architecture.</summary>
    [JsonIgnore] public int LatentSize => Kind == GanKind.Pggan ? Pggan!.LatentSize : Dcgan!.LatentSize;

    /// <summary>The GAN config the generator is built from (architecture only; training settings are defaults).</summary>
    public GanConfig ToGanConfig() => new() { Kind = Kind, Dcgan = Dcgan ?? new(), Pggan = Pggan ?? new() };

    /// <summary>JSON options of config.json (snake case, enums as lower-case names).</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>Parses and validates config.json (format, ranges of every architecture setting, labels, phase).</summary>
    /// <exception cref="UserError">Invalid, naming the setting.</exception>
    public static BundleConfig Parse(string json, string source)
    {
        BundleConfig config;
        try { config = JsonSerializer.Deserialize<BundleConfig>(json, Json) ?? throw new UserError($"{source}: empty"); }
        catch (JsonException e) { throw new UserError($"{source}: invalid config.json ({e.Message})", e); }
        var problems = config.Problems().ToList();
        if (problems.Count > 0) throw new UserError($"{source}: {string.Join("; ", problems)}");
        return config;
    }

    IEnumerable<string> Problems()
    {
        if (Format != FormatName) yield return $"format '{Format}', expected '{FormatName}'";
        if (FormatVersion != 1) yield return $"format_version {FormatVersion}: this XraySynth reads 1";
        object? architecture = Kind == GanKind.Pggan ? Pggan : Dcgan;
        if (architecture is null) { yield return $"kind {Kind} but no {Kind.ToString().ToLowerInvariant()} architecture"; yield break; }
        foreach (var property in YamlConfig.Settable(architecture.GetType()))
            if (property.GetCustomAttribute<ConfigRangeAttribute>() is { } range && property.GetValue(architecture) is IConvertible value)
            {
                double v = value.ToDouble(CultureInfo.InvariantCulture);
                if (v < range.Minimum || v > range.Maximum)
                    yield return $"{ConfigNames.ToSnakeCase(property.Name)} {v.ToString(CultureInfo.InvariantCulture)} outside [{range.Minimum.ToString(CultureInfo.InvariantCulture)}, {range.Maximum.ToString(CultureInfo.InvariantCulture)}]";
            }
        foreach (var (key, message) in ((IValidatedConfig)architecture).Validate()) yield return $"{key}: {message}";
        if (Labels.Count == 0 || Labels.Count > 1000 || Labels.Any(string.IsNullOrWhiteSpace) || Labels.Distinct().Count() != Labels.Count)
            yield return "labels must be 1 to 1000 distinct names";
        int final = Kind == GanKind.Pggan ? Pggan!.Resolution : Dcgan!.Resolution;
        bool phaseOk = Kind == GanKind.Pggan
            ? SampleResolution >= 4 && SampleResolution <= final && (SampleResolution & (SampleResolution - 1)) == 0
            : SampleResolution == final;
        if (!phaseOk) yield return $"sample_resolution {SampleResolution} does not fit a {Kind} of resolution {final}";
        if (!(Alpha >= 0 && Alpha <= 1) || (Kind == GanKind.Dcgan && Alpha != 1)) yield return $"alpha {Alpha} outside [0, 1]";
    }
}
