namespace XraySynth.Gan;

/// <summary>Which generator family to train.</summary>
public enum GanKind
{
    /// <summary>Progressive growing GAN (Karras et al. 2018) with WGAN-GP.</summary>
    Pggan,
    /// <summary>DCGAN (Radford et al. 2016) with the non-saturating loss.</summary>
    Dcgan,
}

/// <summary>Which training images the GAN sees, and how often.</summary>
public enum LabelFocus
{
    /// <summary>Every training image, uniformly.</summary>
    All,
    /// <summary>Only images carrying at least one of the configured labels.</summary>
    Subset,
    /// <summary>Every training image, weighted so each label (and No Finding) is drawn equally often.</summary>
    Balanced,
}
