using XraySynth.Classify.Evaluation;
using XraySynth.Classify.Explain;
using XraySynth.Common;
using XraySynth.Data.Cache;
using XraySynth.Data.Images;
using XraySynth.Detect.Boxes;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Web.Diagnosis;

/// <summary>
/// The diagnose page's models: a classifier run (findings, Grad-CAM) and optionally a box predictor (a detector run).
/// Without one, the box is the Grad-CAM region of the top finding. Torch calls are serialised by a lock.
/// </summary>
public sealed class Diagnoser : IDisposable
{
    /// <summary>Side of the Grad-CAM overlay image (the image is padded to a square as the classifier sees it).</summary>
    public const int OverlaySide = 512;

    readonly TrainedClassifier classifier;
    readonly IBoxPredictor? boxes;
    readonly Device device;
    readonly Lock gate = new();

    /// <summary>Uses <paramref name="classifier"/> and, when given, <paramref name="boxes"/> (both disposed with this).</summary>
    public Diagnoser(TrainedClassifier classifier, IBoxPredictor? boxes, Device device)
    {
        this.classifier = classifier;
        this.boxes = boxes;
        this.device = device;
    }

    /// <summary>Loads the classifier run and, when given, the detector run (boxes shown from <paramref name="boxThreshold"/>).</summary>
    public static Diagnoser Load(string classifierRun, string? detectorRun, Device device, double boxThreshold)
    {
        var classifier = TrainedClassifier.Load(classifierRun, device);
        try
        {
            return new Diagnoser(classifier, detectorRun is null ? null : new DetectorBoxes(detectorRun, device, boxThreshold), device);
        }
        catch
        {
            classifier.Dispose();
            throw;
        }
    }

    /// <summary>The classifier's labels.</summary>
    public IReadOnlyList<string> Labels => classifier.Info.Labels;

    /// <summary>Classifier run name.</summary>
    public string ClassifierName => classifier.Name;

    /// <summary>Detector run name, or null.</summary>
    public string? DetectorName => boxes?.Name;

    /// <summary>Every label's probability (most probable first) and the boxes for <paramref name="image"/>.</summary>
    public DiagnosisResult Diagnose(GrayImage image)
    {
        lock (gate)
        {
            float[] probabilities = Probabilities(image);
            var findings = Labels.Select((l, i) => new Finding(l, probabilities[i])).OrderByDescending(f => f.Probability).ToList();
            IReadOnlyList<FoundBox> found = boxes is not null ? boxes.Predict(image) : GradCamBox(image, findings[0]);
            return new DiagnosisResult(findings, found, classifier.Name, boxes?.Name);
        }
    }

    /// <summary>PNG of the Grad-CAM map of <paramref name="label"/> over <paramref name="image"/> (padded square, with a colorbar).</summary>
    /// <exception cref="UserError">Not one of the classifier's labels.</exception>
    public byte[] GradCamOverlay(GrayImage image, string label)
    {
        int index = IndexOf(label);
        lock (gate)
        {
            var cam = Cam(image, index);
            int side = Math.Min(OverlaySide, Math.Max(image.Width, image.Height));
            return HeatmapOverlay.Render(CachePreparer.ToCached(image, side), cam);
        }
    }

    int IndexOf(string label)
    {
        int index = Labels.ToList().IndexOf(label);
        if (index < 0) throw new UserError($"label '{label}' is not one of the classifier's labels: {string.Join(", ", Labels)}");
        return index;
    }

    float[] Probabilities(GrayImage image)
    {
        int size = classifier.Config.ImageSize;
        var cached = CachePreparer.ToCached(image, size);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = PixelTensors.FromBytes(cached.Pixels, 1, size, size, device);
        return classifier.Network.forward(x).sigmoid().to(ScalarType.Float32).cpu().data<float>().ToArray();
    }

    float[,] Cam(GrayImage image, int label)
    {
        int size = classifier.Config.ImageSize;
        var cached = CachePreparer.ToCached(image, size);
        using var scope = NewDisposeScope();
        var x = PixelTensors.FromBytes(cached.Pixels, 1, size, size, device);
        return GradCam.ToArray(GradCam.Compute(classifier.Network, x, label), 0);
    }

    List<FoundBox> GradCamBox(GrayImage image, Finding top)
    {
        var region = GradCamRegion.Find(Cam(image, IndexOf(top.Label)));
        if (region is not { } box) return [];
        var inImage = CacheGeometry.FromCache(box, image.Width, image.Height, classifier.Config.ImageSize);
        return [new FoundBox(top.Label, top.Probability, inImage.X0, inImage.Y0, inImage.Width, inImage.Height, BoxSources.GradCamRegion)];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        boxes?.Dispose();
        classifier.Dispose();
    }
}
