namespace XraySynth.Data;

/// <summary>
/// Weights derived from label frequencies, shared by the GAN's balanced sampling, the balancer and the classifier:
/// class weights for a weighted BCE, and per-image weights that make every label (and No Finding) equally frequent.
/// </summary>
public static class LabelFrequencyWeights
{
    /// <summary>
    /// BCE pos_weight per label: negatives / positives among <paramref name="images"/>; 1 for a label with no positive
    /// or no negative (its loss then keeps its plain weight instead of vanishing or exploding).
    /// </summary>
    public static float[] PositiveWeights(IReadOnlyList<ImageRecord> images, LabelVocabulary vocabulary)
    {
        var positives = new int[vocabulary.Count];
        foreach (var image in images)
            foreach (string label in image.Labels) positives[vocabulary.IndexOf(label)]++;
        return positives.Select(p => p == 0 || p == images.Count ? 1f : (float)((double)(images.Count - p) / p)).ToArray();
    }

    /// <summary>
    /// One weight per image: the mean over its labels (No Finding counting as one) of 1 / that label's count, scaled to
    /// average 1. Sampling with these weights draws every label equally often.
    /// </summary>
    public static double[] Balanced(IReadOnlyList<ImageRecord> images)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var image in images)
            foreach (string key in Classes(image)) counts[key] = counts.GetValueOrDefault(key) + 1;
        var weights = images.Select(image => Classes(image).Average(key => 1.0 / counts[key])).ToArray();
        double mean = weights.Length == 0 ? 1 : weights.Average();
        for (int i = 0; i < weights.Length; i++) weights[i] /= mean;
        return weights;
    }

    static IReadOnlyList<string> Classes(ImageRecord image) => image.Labels.Count == 0 ? [LabelVocabulary.NoFinding] : image.Labels;
}
