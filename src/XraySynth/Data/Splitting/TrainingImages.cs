using System.Security.Cryptography;
using System.Text;
using XraySynth.Common;

namespace XraySynth.Data.Splitting;

/// <summary>
/// The images a model was trained and validated on, kept in its run folder as <c>training-images.csv</c>
/// (<c>image_id,patient_id,split</c>; ids as text, a few MB for NIH's 112k images), so that an evaluation can refuse
/// images or patients the model has seen. <see cref="Fingerprint"/> summarizes a dataset's split assignment for run.json.
/// </summary>
public sealed class TrainingImages
{
    /// <summary>The file's name in a run folder.</summary>
    public const string FileName = "training-images.csv";

    /// <summary>Ids of the training and validation images.</summary>
    public IReadOnlySet<string> ImageIds { get; }
    /// <summary>Patient ids of those images (empty ids left out).</summary>
    public IReadOnlySet<string> PatientIds { get; }

    TrainingImages(HashSet<string> images, HashSet<string> patients) { ImageIds = images; PatientIds = patients; }

    /// <summary>Writes <paramref name="images"/> (the run's training and validation images) into <paramref name="runFolder"/>.</summary>
    public static void Write(string runFolder, IEnumerable<ImageRecord> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        AtomicFile.WriteText(Path.Combine(runFolder, FileName), w =>
        {
            using var csv = CsvTable.CreateWriter(w);
            foreach (string column in new[] { "image_id", "patient_id", "split" }) csv.WriteField(column);
            csv.NextRecord();
            foreach (var image in images)
            {
                csv.WriteField(image.Id);
                csv.WriteField(image.PatientId);
                csv.WriteField(ManifestEnums.Format(image.Split));
                csv.NextRecord();
            }
        });
    }

    /// <summary>
    /// The images recorded in <paramref name="runFolder"/>, or null for a run trained before they were recorded; without
    /// <paramref name="includeValidation"/> only those of the train split (for an evaluation on the validation split itself).
    /// </summary>
    public static TrainingImages? Read(string runFolder, bool includeValidation = true)
    {
        string path = Path.Combine(runFolder, FileName);
        if (!File.Exists(path)) return null;
        var images = new HashSet<string>(StringComparer.Ordinal);
        var patients = new HashSet<string>(StringComparer.Ordinal);
        using var table = CsvTable.Open(path, ["image_id", "patient_id", "split"]);
        string val = ManifestEnums.Format(Split.Val);
        while (table.Read())
        {
            if (!includeValidation && table.Get("split") == val) continue;
            images.Add(table.Get("image_id"));
            string patient = table.Get("patient_id");
            if (patient.Length > 0) patients.Add(patient);
        }
        return new TrainingImages(images, patients);
    }

    /// <summary>
    /// SHA-256 (first 16 hex digits) of the dataset's split assignment: every image's id, patient and split, sorted by id.
    /// Re-splitting the dataset changes it.
    /// </summary>
    public static string Fingerprint(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var image in dataset.Images.OrderBy(i => i.Id, StringComparer.Ordinal))
            hash.AppendData(Encoding.UTF8.GetBytes($"{image.Id}\t{image.PatientId}\t{ManifestEnums.Format(image.Split)}\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
