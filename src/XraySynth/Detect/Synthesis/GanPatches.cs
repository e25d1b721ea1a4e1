using XraySynth.Common;
using XraySynth.Data.Images;
using XraySynth.Gan.Sampling;
using XraySynth.Gan.Training;
using static TorchSharp.torch;

namespace XraySynth.Detect.Synthesis;

/// <summary>
/// Lesion patches from a lesion-patch GAN: a class-conditional generator trained (with <c>gan train</c>) on a
/// lesion-crops dataset (<see cref="LesionCrops"/>). Each patch is one generated image of the requested class, and
/// its lesion is where the crops put it, the central square (<see cref="LesionCropGeometry.LesionIn"/>); the blender
/// stretches that square onto a real box's width and height. Latents come from the caller's random, so a blend is
/// reproducible from its seed.
/// </summary>
public sealed class GanPatches : ILesionPatchSource, IDisposable
{
    readonly TrainedGenerator generator;
    readonly LesionCropGeometry geometry;

    GanPatches(TrainedGenerator generator, LesionCropGeometry geometry)
    {
        this.generator = generator;
        this.geometry = geometry;
    }

    /// <summary>
    /// Loads the newest snapshot of the GAN run <paramref name="ganRun"/>, which must have been trained on a lesion-crops
    /// dataset and (a PGGAN) have finished growing.
    /// </summary>
    /// <exception cref="UserError">Not a GAN run, its training data is not a lesion-crops dataset, or it has not finished growing.</exception>
    public static GanPatches Load(string ganRun, Device device)
    {
        var info = GanRunInfo.Read(Path.Combine(ganRun, "run.json"));
        var geometry = LesionCrops.ReadGeometry(info.Dataset);
        var generator = TrainedGenerator.Load(ganRun, null, device);
        try { UnfinishedGenerator.Ensure(generator, allow: false, "lesion-patch GAN", NullReporter.Instance, offerFlag: false); }
        catch
        {
            generator.Dispose();
            throw;
        }
        return new GanPatches(generator, geometry);
    }

    /// <summary>The classes the generator can make.</summary>
    public IReadOnlyList<string> Classes => generator.Labels;

    /// <inheritdoc />
    public string Description =>
        $"lesion-patch GAN {generator.RunName} ({generator.Config.Kind.ToString().ToLowerInvariant()}, {generator.SampleResolution} px, {generator.Kimg:0.#} kimg, " +
        $"snapshot SHA-256 {generator.Hash[..12]}, trained on crops around real training boxes with margin {geometry.Margin:0.##})";

    /// <inheritdoc />
    /// <remarks>The context margin is the crops' (<see cref="LesionCropGeometry.Margin"/>); <paramref name="margin"/> is not used.</remarks>
    public LesionPatch Next(string label, double margin, Random random)
    {
        int index = generator.Labels.ToList().IndexOf(label);
        if (index < 0)
            throw new UserError($"lesion-patch GAN {generator.RunName} makes {string.Join(", ", generator.Labels)}, not '{label}'{NameSuggester.Hint(label, generator.Labels)}");
        float[] latent = TrainedGenerator.LatentOf(random.NextInt64(), 1.0, generator.LatentSize);
        var condition = new float[generator.Labels.Count];
        condition[index] = 1;
        int size = generator.Resolution;
        byte[] pixels = generator.GeneratePixels(latent, condition, 1);
        return new LesionPatch(new GrayImage(size, size, pixels), geometry.LesionIn(size));
    }

    /// <inheritdoc />
    public void Dispose() => generator.Dispose();
}
