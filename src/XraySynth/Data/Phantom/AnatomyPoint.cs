namespace XraySynth.Data.Phantom;

/// <summary>The anatomy at one point, as lesions need it to paint themselves.</summary>
public struct AnatomyPoint
{
    /// <summary>Soft-tissue mask of the body, 0 (air) to 1.</summary>
    public float Body;
    /// <summary>Which lung the point can belong to: -1 image left (patient's right), +1 image right.</summary>
    public int Side;
    /// <summary>Mask of that lung field, 0 to 1.</summary>
    public float Lung;
    /// <summary>Distance inside that lung's outline (negative outside).</summary>
    public float LungDepth;
    /// <summary>Distance from that lung's lateral and apical wall (negative outside it).</summary>
    public float LateralDepth;
    /// <summary>Heart shadow mask, 0 to 1.</summary>
    public float Heart;
    /// <summary>How much of the lungs' darkness shows here (lung mask less what the heart hides).</summary>
    public float LungVisible;
    /// <summary>Density the lung markings (vessels) add here.</summary>
    public float Markings;
}
