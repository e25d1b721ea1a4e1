namespace XraySynth.Data.Phantom;

/// <summary>The findings the phantom draws, in NIH ChestX-ray14 column order.</summary>
public enum PhantomFinding
{
    /// <summary>Enlarged heart shadow.</summary>
    Cardiomegaly,
    /// <summary>Pleural fluid at a costophrenic angle.</summary>
    Effusion,
    /// <summary>Large lobulated opacity.</summary>
    Mass,
    /// <summary>Small round opacity.</summary>
    Nodule,
    /// <summary>Air rim without lung markings and a pleural line.</summary>
    Pneumothorax,
    /// <summary>Patchy airspace opacity.</summary>
    Consolidation,
    /// <summary>Hiatal hernia: retrocardiac opacity with gas above the diaphragm.</summary>
    Hernia,
}
