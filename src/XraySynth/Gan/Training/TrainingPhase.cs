namespace XraySynth.Gan.Training;

/// <summary>Where training stands: the resolution, the fade-in weight of its newest layers, and the batch size.</summary>
/// <param name="Resolution">Current output resolution.</param>
/// <param name="Alpha">Fade-in weight of the newest resolution (1 = fully faded in).</param>
/// <param name="BatchSize">Minibatch size at this resolution.</param>
/// <param name="Name">"stable 32", "fade 64", ...</param>
public sealed record TrainingPhase(int Resolution, double Alpha, int BatchSize, string Name);
