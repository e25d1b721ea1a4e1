using XraySynth.Data.Phantom.Lesions;

namespace XraySynth.Data.Phantom;

/// <summary>Everything needed to paint one image: anatomy, pose, exposure, noise seed and lesions.</summary>
/// <param name="Size">Width and height in pixels.</param>
/// <param name="Anatomy">The patient's anatomy at this follow-up (before lesions reshape it).</param>
/// <param name="Female">Adds breast soft-tissue shadows.</param>
/// <param name="Pose">Position of the body in the image.</param>
/// <param name="Exposure">Window, gamma and noise.</param>
/// <param name="RibContrast">Rib density.</param>
/// <param name="NoiseSeed">Seed of the pixel noise.</param>
/// <param name="Lesions">Lesions in NIH order.</param>
public sealed record PhantomScene(
    int Size, PhantomAnatomy Anatomy, bool Female, PhantomPose Pose, PhantomExposure Exposure, double RibContrast, int NoiseSeed,
    IReadOnlyList<IPhantomLesion> Lesions);
