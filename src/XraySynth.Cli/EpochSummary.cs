using static System.FormattableString;

namespace XraySynth.Cli;

/// <summary>The tail of a training command's <c>run:</c> line: the best epoch, and how many of the configured epochs ran.</summary>
public static class EpochSummary
{
    /// <summary>
    /// "best METRIC 0.7000 at epoch 2 of 3" for a finished run; "...at epoch 1; interrupted after 1 of 2 epochs" after Ctrl-C;
    /// "...at epoch 4; stopped early after 10 of 30 epochs" after early stopping.
    /// </summary>
    /// <param name="metric">The selection metric, e.g. <c>validation mean AUROC</c>.</param>
    /// <param name="best">Its best value.</param>
    /// <param name="bestEpoch">The epoch (1-based) that reached it; 0 when none did.</param>
    /// <param name="done">Epochs completed.</param>
    /// <param name="configured">Epochs the run is configured for.</param>
    /// <param name="cancelled">Interrupted (Ctrl-C, SIGTERM).</param>
    /// <param name="stoppedEarly">Ended by early stopping.</param>
    public static string Describe(string metric, double best, int bestEpoch, int done, int configured, bool cancelled, bool stoppedEarly)
    {
        string selected = bestEpoch > 0 ? Invariant($"best {metric} {best:0.0000} at epoch {bestEpoch}")
            : done > 0 ? $"{metric} undefined in every epoch"
            : "no epoch finished";
        if (cancelled) return Invariant($"{selected}; interrupted after {done} of {configured} epochs");
        if (stoppedEarly) return Invariant($"{selected}; stopped early after {done} of {configured} epochs");
        return bestEpoch > 0 ? Invariant($"{selected} of {done}") : Invariant($"{selected}; {done} of {configured} epochs");
    }
}
