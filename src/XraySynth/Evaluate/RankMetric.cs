namespace XraySynth.Evaluate;

/// <summary>A ranking metric of one label's scores.</summary>
public enum RankMetric
{
    /// <summary>Area under the ROC curve (ties count ½).</summary>
    Auroc,
    /// <summary>Area under the precision-recall curve as average precision.</summary>
    Auprc,
}
