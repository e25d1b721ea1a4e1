using System.Globalization;
using XraySynth.Common;

namespace XraySynth.Gan.Sampling;

/// <summary>
/// Guards the paths that turn a generator into data or a shared artefact (<c>gan sample</c>, <c>gan export</c>, the
/// experiments' sampling): a PGGAN stopped before its final resolution was fully faded in generates coarse images
/// (e.g. 4×4 blocks) that would otherwise be upscaled silently. Such a generator is refused unless the caller opts in
/// (<see cref="Flag"/>), and then it is used with a warning.
/// </summary>
public static class UnfinishedGenerator
{
    /// <summary>The command-line opt-in.</summary>
    public const string Flag = "--allow-unfinished";

    /// <summary>True when <paramref name="source"/> generates at its final resolution, fully faded in (always for a DCGAN).</summary>
    public static bool IsFinished(ISampleSource source) => source.SampleResolution == source.Resolution && source.Alpha >= 1;

    /// <summary>Where the generator's growth stands, e.g. "8x8 px, fade-in alpha 0.50, of its final 16x16 px".</summary>
    public static string Phase(ISampleSource source)
    {
        string fade = source.Alpha < 1 ? $", fade-in alpha {source.Alpha.ToString("0.00", CultureInfo.InvariantCulture)}" : ", fully faded in";
        return $"{source.SampleResolution}x{source.SampleResolution} px{fade}, of its final {source.Resolution}x{source.Resolution} px";
    }

    /// <summary>
    /// Throws a <see cref="UserError"/> naming the run, the phase reached, the target and how to go on when
    /// <paramref name="source"/> has not finished growing, unless <paramref name="allow"/>; then warns through <paramref name="reporter"/>.
    /// </summary>
    /// <param name="source">The loaded generator.</param>
    /// <param name="allow">The caller's explicit opt-in (<see cref="Flag"/>).</param>
    /// <param name="command">What is about to use it, for the messages (e.g. "gan sample").</param>
    /// <param name="reporter">Receives the warning when allowed.</param>
    /// <param name="offerFlag">Whether the command has the opt-in flag, so that the error may suggest it.</param>
    public static void Ensure(ISampleSource source, bool allow, string command, IReporter reporter, bool offerFlag = true)
    {
        if (IsFinished(source)) return;
        string kimg = source.Kimg.ToString("0.###", CultureInfo.InvariantCulture);
        string state = $"GAN run {source.RunName} has not finished growing: at {kimg} kimg its generator is at {Phase(source)}";
        if (allow)
        {
            reporter.Warn($"{command}: {state}; {Flag}: using it anyway, images are generated at {source.SampleResolution}x{source.SampleResolution} px");
            return;
        }
        string goOn = source is TrainedGenerator { RunPath: { } run } trained
            ? $"continue training with: xraysynth gan train --resume {run} --kimg K (K above {trained.KimgToFinish.ToString("0.###", CultureInfo.InvariantCulture)}, " +
              $"where {source.Resolution} px is fully faded in)"
            : $"resume its training run (xraysynth gan train --resume RUN with more --kimg) and export it again";
        throw new UserError($"{command}: {state}. Its samples would be coarse {source.SampleResolution} px images; {goOn}" + (offerFlag ? $", or pass {Flag} to use it as it is" : ""));
    }
}
