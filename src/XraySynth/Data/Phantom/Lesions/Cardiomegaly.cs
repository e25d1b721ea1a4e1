namespace XraySynth.Data.Phantom.Lesions;

/// <summary>Cardiomegaly: the heart shadow widened (mostly to the patient's left); its box is the whole heart.</summary>
public sealed class Cardiomegaly(double enlargement) : IPhantomLesion
{
    /// <inheritdoc />
    public PhantomFinding Finding => PhantomFinding.Cardiomegaly;

    /// <inheritdoc />
    public double BoxThreshold => 0.5;

    /// <inheritdoc />
    public PhantomAnatomy Reshape(PhantomAnatomy anatomy) => anatomy with
    {
        HeartHalfWidth = anatomy.HeartHalfWidth * enlargement,
        HeartHalfHeight = anatomy.HeartHalfHeight * (1 + 0.45 * (enlargement - 1)),
        HeartU = anatomy.HeartU + 0.4 * (enlargement - 1) * anatomy.HeartHalfWidth,
        HeartV = anatomy.HeartV + 0.3 * (enlargement - 1) * anatomy.HeartHalfHeight,
    };

    /// <inheritdoc />
    public bool Reaches(double u, double v) => true;

    /// <inheritdoc />
    public float Delta(double u, double v, in AnatomyPoint point) => 0;

    /// <inheritdoc />
    public float Extent(double u, double v, in AnatomyPoint point, float delta) => point.Heart;
}
