namespace XraySynth.Evaluate;

/// <summary>
/// Calibration of a predicted positive-class probability p ∈ [0, 1]. Expected calibration error (ECE) with B equal-width
/// bins [b/B, (b+1)/B) (the last bin closed at 1): ECE = Σ_b (n_b / N) · |ȳ_b − p̄_b|, ȳ_b the observed positive
/// fraction ("accuracy" of the positive-class reading) and p̄_b the mean predicted probability ("confidence") in bin b.
/// This is the reliability-diagram form for a binary label, not the top-label form max(p, 1 − p).
/// </summary>
public static class CalibrationError
{
    /// <summary>ECE of <paramref name="probabilities"/> against <paramref name="labels"/>; NaN when there are no cases.</summary>
    public static double Expected(double[] probabilities, bool[] labels, int bins = 15)
    {
        ScoreInputs.Check(probabilities, labels, nameof(probabilities));
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "bins must be at least 1");
        if (probabilities.Length == 0) return double.NaN;

        var count = new int[bins];
        var positives = new double[bins];
        var probabilitySum = new double[bins];
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = probabilities[i];
            if (p < 0 || p > 1)
                throw new ArgumentException($"probabilities[{i}] = {p.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is outside [0, 1]");
            int b = Math.Min((int)(p * bins), bins - 1);
            count[b]++;
            probabilitySum[b] += p;
            if (labels[i]) positives[b]++;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++)
            if (count[b] > 0)
                ece += Math.Abs(positives[b] - probabilitySum[b]) / probabilities.Length; // (n_b/N)·|ȳ_b − p̄_b|
        return ece;
    }
}
