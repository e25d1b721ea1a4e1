using System.Text.Json;
using System.Text.Json.Serialization;
using XraySynth.Common;

namespace XraySynth.Experiments.Ablation;

/// <summary>One label's test-split scores of a cell.</summary>
/// <param name="Label">Label name.</param>
/// <param name="Positives">Test images with the label.</param>
/// <param name="Negatives">Test images known not to have it.</param>
/// <param name="Auroc">AUROC (NaN when a class is missing).</param>
/// <param name="Auprc">AUPRC as average precision (NaN with no positive).</param>
public sealed record LabelScore(string Label, int Positives, int Negatives, double Auroc, double Auprc);

/// <summary>One class's detection scores of a detection cell on the real test boxes.</summary>
/// <param name="Label">Class (label) name.</param>
/// <param name="TruthBoxes">Test boxes of the class.</param>
/// <param name="Ap50">COCO AP at IoU 0.5 (101-point).</param>
/// <param name="Ap">COCO AP averaged over IoU 0.5:0.95.</param>
/// <param name="Cpm">FROC: mean sensitivity at 1/8 … 8 false positives per image.</param>
public sealed record DetectionScore(string Label, int TruthBoxes, double Ap50, double Ap, double Cpm);

/// <summary>
/// What a finished (or failed) job left: written atomically to <c>results/ID.json</c> as the job's last act, so the file
/// existing with status <c>done</c> is the proof it finished. Paths in <see cref="Outputs"/> are relative to the run folder.
/// </summary>
/// <param name="Id">Job id.</param>
/// <param name="Kind">Job kind (data, gan, cell).</param>
/// <param name="Status"><c>done</c> or <c>failed</c>.</param>
/// <param name="Seed">Training seed.</param>
/// <param name="Arm">Arm (cells).</param>
/// <param name="Generator">Generator (GAN jobs and cells that sample from one).</param>
/// <param name="StartedUtc">Start time, ISO 8601.</param>
/// <param name="FinishedUtc">End time, ISO 8601.</param>
/// <param name="Seconds">Wall-clock seconds.</param>
/// <param name="GitCommit">Commit of the XraySynth source that ran it, when known.</param>
/// <param name="Host">Machine name.</param>
/// <param name="Device">Torch device.</param>
/// <param name="Outputs">Named outputs (dataset, gan, synthetic, classifier, predictions, balance), relative paths.</param>
/// <param name="Scores">Per-label test scores (cells).</param>
/// <param name="TrainPrevalence">Per-label train prevalence of the real dataset (the data job).</param>
/// <param name="Error">What went wrong (failed jobs).</param>
/// <param name="Detection">Per-class detection scores (detection cells).</param>
public sealed record JobResult(
    string Id, AblationJobKind Kind, string Status, long Seed, string? Arm, string? Generator,
    string StartedUtc, string FinishedUtc, double Seconds, string? GitCommit, string Host, string Device,
    IReadOnlyDictionary<string, string> Outputs, IReadOnlyList<LabelScore>? Scores = null,
    IReadOnlyDictionary<string, double>? TrainPrevalence = null, string? Error = null, IReadOnlyList<DetectionScore>? Detection = null)
{
    /// <summary>Status of a finished job.</summary>
    public const string Done = "done";

    /// <summary>Status of a job that threw.</summary>
    public const string Failed = "failed";

    /// <summary>True when the job finished.</summary>
    [JsonIgnore]
    public bool IsDone => Status == Done;

    /// <summary>The result of <paramref name="job"/> failing with <paramref name="error"/>.</summary>
    public static JobResult FailedWith(AblationJob job, string error, string? gitCommit, string device)
    {
        string now = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return new JobResult(job.Id, job.Kind, Failed, job.Seed, job.Arm, job.Generator, now, now, 0, gitCommit, Environment.MachineName, device,
            new Dictionary<string, string>(), Error: error);
    }

    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Writes the result atomically (temp file + rename).</summary>
    public void Write(string path) => AtomicFile.WriteText(path, w => w.Write(JsonSerializer.Serialize(this, Options)));

    /// <summary>Reads a result file; null when it does not exist.</summary>
    /// <exception cref="UserError">The file is not a job result.</exception>
    public static JobResult? Read(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<JobResult>(File.ReadAllText(path), Options)
                ?? throw new UserError($"{path}: empty job result");
        }
        catch (JsonException e)
        {
            throw new UserError($"{path}: not a job result ({e.Message}); delete it to rerun that job", e);
        }
    }
}
