namespace XraySynth.Data;

/// <summary>One row of manifest.csv: an image, its patient, split, source and labels.</summary>
public sealed record ImageRecord
{
    /// <summary>Unique image id (NIH's Image Index, e.g. 00000013_005.png).</summary>
    public required string Id { get; init; }
    /// <summary>Image file relative to the dataset folder (or absolute), '/'-separated.</summary>
    public required string Path { get; init; }
    /// <summary>Patient id; images of one patient never span two splits.</summary>
    public required string PatientId { get; init; }
    /// <summary>train, val or test.</summary>
    public required Split Split { get; init; }
    /// <summary>real or synthetic.</summary>
    public ImageSource Source { get; init; } = ImageSource.Real;
    /// <summary>Finding labels in vocabulary order; empty = No Finding.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];
    /// <summary>View position (PA, AP, ...); empty when unknown.</summary>
    public string ViewPosition { get; init; } = "";
    /// <summary>Patient age in years; null when unknown.</summary>
    public int? Age { get; init; }
    /// <summary>Patient sex (M, F); empty when unknown.</summary>
    public string Sex { get; init; } = "";
    /// <summary>Width in pixels of the image file (box coordinates refer to it).</summary>
    public int Width { get; init; }
    /// <summary>Height in pixels of the image file.</summary>
    public int Height { get; init; }
    /// <summary>Synthetic only: SHA-256 (hex) of the generator checkpoint.</summary>
    public string? GeneratorHash { get; init; }
    /// <summary>Synthetic only: seed of the latent.</summary>
    public long? GeneratorSeed { get; init; }
    /// <summary>Synthetic only: truncation psi used when sampling.</summary>
    public double? Truncation { get; init; }

    /// <summary>Whether the image carries <paramref name="label"/>.</summary>
    public bool Has(string label) => Labels.Contains(label, StringComparer.Ordinal);

    /// <summary>Record equality compares label lists by content.</summary>
    public bool Equals(ImageRecord? other) =>
        other is not null && Id == other.Id && Path == other.Path && PatientId == other.PatientId && Split == other.Split &&
        Source == other.Source && Labels.SequenceEqual(other.Labels) && ViewPosition == other.ViewPosition && Age == other.Age &&
        Sex == other.Sex && Width == other.Width && Height == other.Height && GeneratorHash == other.GeneratorHash &&
        GeneratorSeed == other.GeneratorSeed && Nullable.Equals(Truncation, other.Truncation);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Path, PatientId, Split, Source, Labels.Count, Width, Height);
}
