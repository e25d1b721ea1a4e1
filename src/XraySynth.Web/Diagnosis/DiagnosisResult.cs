namespace XraySynth.Web.Diagnosis;

/// <summary>A label's probability from the classifier.</summary>
/// <param name="Label">Label name.</param>
/// <param name="Probability">Sigmoid probability in [0, 1].</param>
public sealed record Finding(string Label, double Probability);

/// <summary>A box drawn on the image, in the stored image's pixels.</summary>
/// <param name="Label">Label it is for.</param>
/// <param name="Score">Detector confidence, or the classifier probability of the label for a Grad-CAM region.</param>
/// <param name="X">Left.</param>
/// <param name="Y">Top.</param>
/// <param name="W">Width.</param>
/// <param name="H">Height.</param>
/// <param name="Source"><see cref="BoxSources.Detector"/> or <see cref="BoxSources.GradCamRegion"/>.</param>
public sealed record FoundBox(string Label, double Score, double X, double Y, double W, double H, string Source);

/// <summary>Where a <see cref="FoundBox"/> came from.</summary>
public static class BoxSources
{
    /// <summary>Predicted by the detector run.</summary>
    public const string Detector = "detector";

    /// <summary>The bounding box of the thresholded Grad-CAM map of the top finding (no detector given): where the classifier looked, not a detection.</summary>
    public const string GradCamRegion = "grad-cam region";
}

/// <summary>What the models said about one image.</summary>
/// <param name="Findings">Every label, most probable first.</param>
/// <param name="Boxes">Boxes, highest score first.</param>
/// <param name="Classifier">Classifier run name.</param>
/// <param name="Detector">Detector run name, or null when boxes are Grad-CAM regions.</param>
public sealed record DiagnosisResult(IReadOnlyList<Finding> Findings, IReadOnlyList<FoundBox> Boxes, string Classifier, string? Detector);

/// <summary>A stored diagnosis (history row).</summary>
/// <param name="Id">Row id.</param>
/// <param name="TimeUtc">When (ISO 8601, UTC).</param>
/// <param name="ImageSha256">SHA-256 of the stored (re-encoded) image.</param>
/// <param name="ImageName">Upload file name or dataset image id, for display only.</param>
/// <param name="Width">Stored image width.</param>
/// <param name="Height">Stored image height.</param>
/// <param name="Result">The findings and boxes.</param>
public sealed record StoredDiagnosis(long Id, string TimeUtc, string ImageSha256, string ImageName, int Width, int Height, DiagnosisResult Result);
