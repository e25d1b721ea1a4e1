namespace XraySynth.Data.Phantom.Lesions;

/// <summary>
/// One finding painted into an image: a density change at each point, and the shape whose visible part is its
/// ground-truth box (pixels where <see cref="Extent"/> reaches <see cref="BoxThreshold"/> of its maximum).
/// </summary>
public interface IPhantomLesion
{
    /// <summary>The finding (its label).</summary>
    PhantomFinding Finding { get; }

    /// <summary>Fraction of the largest extent a pixel needs to count as part of the lesion's box.</summary>
    double BoxThreshold => 0.25;

    /// <summary>The anatomy this lesion changes (Cardiomegaly enlarges the heart); most return it unchanged.</summary>
    PhantomAnatomy Reshape(PhantomAnatomy anatomy) => anatomy;

    /// <summary>Whether (<paramref name="u"/>, <paramref name="v"/>) may be affected; false lets the painter skip the point.</summary>
    bool Reaches(double u, double v);

    /// <summary>Density added at the point (negative = more lucent).</summary>
    float Delta(double u, double v, in AnatomyPoint point);

    /// <summary>How much the point belongs to the visible lesion; by default the size of the change.</summary>
    float Extent(double u, double v, in AnatomyPoint point, float delta) => Math.Abs(delta);
}
