namespace XraySynth.Gan.Training;

/// <summary>
/// A cheap image-quality measurement taken during GAN training (<see cref="GanConfig.QualityKimg"/>): the trainer generates
/// images with the moving-average generator and hands them over; the caller supplies the metric (XraySynth.Evaluate's
/// pixel-feature FID and KID), so the Gan stage does not depend on later stages.
/// </summary>
public interface IGanQualityProbe
{
    /// <summary>FID and KID of <paramref name="count"/> generated images, uint8 laid out [count, size, size].</summary>
    (double Fid, double Kid) Measure(byte[] pixels, int count, int size);
}
