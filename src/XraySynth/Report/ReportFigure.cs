namespace XraySynth.Report;

/// <summary>A figure saved twice: PNG (shown and embedded in HTML) and SVG (vector, for print).</summary>
/// <param name="PngPath">The PNG file, relative to the report folder (as the figure savers return it when given a relative stem).</param>
/// <param name="SvgPath">The SVG file, relative to the report folder.</param>
public sealed record ReportFigure(string PngPath, string SvgPath);
