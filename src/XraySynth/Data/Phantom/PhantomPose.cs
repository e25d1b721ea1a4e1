namespace XraySynth.Data.Phantom;

/// <summary>
/// How the patient stands in the image: the image point of body point (u, v) is
/// <c>scale · rotate(u, v) + shift</c>, both in [-1, 1] coordinates.
/// </summary>
/// <param name="ShiftX">Horizontal shift.</param>
/// <param name="ShiftY">Vertical shift.</param>
/// <param name="Scale">Zoom (1 = the body square fills the image).</param>
/// <param name="Rotation">Rotation in radians.</param>
public sealed record PhantomPose(double ShiftX, double ShiftY, double Scale, double Rotation)
{
    /// <summary>Centred, unrotated, unscaled.</summary>
    public static PhantomPose Identity { get; } = new(0, 0, 1, 0);

    /// <summary>The inverse transform as a 2×3 matrix: (u, v) = (a·x + b·y + c, d·x + e·y + f).</summary>
    public (double A, double B, double C, double D, double E, double F) Inverse()
    {
        double cos = Math.Cos(Rotation) / Scale, sin = Math.Sin(Rotation) / Scale;
        return (cos, sin, -(cos * ShiftX + sin * ShiftY), -sin, cos, sin * ShiftX - cos * ShiftY);
    }

    /// <summary>Body coordinates of image point (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public (double U, double V) ToBody(double x, double y)
    {
        double dx = (x - ShiftX) / Scale, dy = (y - ShiftY) / Scale;
        double c = Math.Cos(Rotation), s = Math.Sin(Rotation);
        return (c * dx + s * dy, -s * dx + c * dy);
    }
}
