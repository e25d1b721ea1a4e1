namespace XraySynth.Report;

/// <summary>A table, shown in the report and written beside it as <c>tables/NAME.csv</c> and <c>tables/NAME.tex</c>.</summary>
/// <param name="Table">The table.</param>
public sealed record TableBlock(ReportTable Table) : ReportBlock;
