namespace XraySynth.Data.Import;

/// <summary>One valid row of BBox_List_2017.csv, in NIH's 1024-px image space, label already mapped to NIH14.</summary>
/// <param name="Line">Line in the box file.</param>
/// <param name="ImageIndex">The image's file name.</param>
/// <param name="Label">The finding (NIH's 'Infiltrate' mapped to 'Infiltration').</param>
/// <param name="X">Left edge in the 1024-px space.</param>
/// <param name="Y">Top edge.</param>
/// <param name="W">Width.</param>
/// <param name="H">Height.</param>
public sealed record NihBoxRow(int Line, string ImageIndex, string Label, double X, double Y, double W, double H);
