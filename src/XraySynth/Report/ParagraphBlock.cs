namespace XraySynth.Report;

/// <summary>A paragraph of plain text; the renderers escape Markdown and HTML syntax, so it shows as written.</summary>
/// <param name="Text">Plain text; line breaks inside it are kept as soft breaks.</param>
public sealed record ParagraphBlock(string Text) : ReportBlock;
