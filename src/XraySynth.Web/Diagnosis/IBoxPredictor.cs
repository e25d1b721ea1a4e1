using XraySynth.Data.Images;

namespace XraySynth.Web.Diagnosis;

/// <summary>Something that puts labelled boxes on an image (a detector run).</summary>
public interface IBoxPredictor : IDisposable
{
    /// <summary>Run name shown on the page and stored in the history.</summary>
    string Name { get; }

    /// <summary>Boxes on <paramref name="image"/> in its pixels, highest score first. Called under the diagnoser's lock.</summary>
    IReadOnlyList<FoundBox> Predict(GrayImage image);
}
