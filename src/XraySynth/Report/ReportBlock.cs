namespace XraySynth.Report;

/// <summary>One block of a <see cref="ReportDocument"/>: <see cref="HeadingBlock"/>, <see cref="ParagraphBlock"/>, <see cref="TableBlock"/> or <see cref="FigureBlock"/>.</summary>
public abstract record ReportBlock;
