namespace XraySynth.Report;

/// <summary>A figure with its caption.</summary>
/// <param name="Figure">The figure's PNG and SVG files.</param>
/// <param name="Caption">Plain-text caption (also the image's alternative text).</param>
public sealed record FigureBlock(ReportFigure Figure, string Caption) : ReportBlock;
