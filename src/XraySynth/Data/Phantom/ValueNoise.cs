namespace XraySynth.Data.Phantom;

/// <summary>Smooth random texture: values on a square lattice over [-1, 1]², interpolated with smoothstep weights.</summary>
public sealed class ValueNoise
{
    readonly float[] lattice;
    readonly int cells;

    /// <summary>A lattice of <paramref name="cells"/> × <paramref name="cells"/> cells with values in [0, 1].</summary>
    public ValueNoise(Random random, int cells)
    {
        this.cells = cells;
        lattice = new float[(cells + 1) * (cells + 1)];
        for (int i = 0; i < lattice.Length; i++) lattice[i] = (float)random.NextDouble();
    }

    /// <summary>The texture at (<paramref name="u"/>, <paramref name="v"/>), in [0, 1]; clamped outside [-1, 1]².</summary>
    public float At(double u, double v)
    {
        double x = Math.Clamp((u + 1) * 0.5 * cells, 0, cells - 1e-9);
        double y = Math.Clamp((v + 1) * 0.5 * cells, 0, cells - 1e-9);
        int ix = (int)x, iy = (int)y;
        float fx = Smooth((float)(x - ix)), fy = Smooth((float)(y - iy));
        int row = iy * (cells + 1) + ix;
        float top = lattice[row] + (lattice[row + 1] - lattice[row]) * fx;
        float bottom = lattice[row + cells + 1] + (lattice[row + cells + 2] - lattice[row + cells + 1]) * fx;
        return top + (bottom - top) * fy;
    }

    static float Smooth(float t) => t * t * (3 - 2 * t);
}
