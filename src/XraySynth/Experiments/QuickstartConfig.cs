using System.ComponentModel;
using XraySynth.Configuration;

namespace XraySynth.Experiments;

/// <summary>The <c>quickstart:</c> section: the whole pipeline on the embedded phantom, sized for a 2-core CPU.</summary>
public sealed record QuickstartConfig
{
    /// <summary>YAML section name.</summary>
    public const string Section = "quickstart";

    [Description("Folder for the quickstart's phantom dataset.")]
    public string DataFolder { get; init; } = "generated/quickstart/phantom";

    [Description("Folder for the quickstart's figures and tables.")]
    public string ReportFolder { get; init; } = "reports/quickstart";

    [Description("Phantom images to generate.")]
    [ConfigRange(100, 1_000_000)]
    public int Images { get; init; } = 2000;

    [Description("Phantom image size in pixels.")]
    [ConfigRange(32, 1024)]
    public int ImageSize { get; init; } = 128;

    [Description("Training resolution: the prepared cache's size.")]
    [ConfigRange(8, 1024)]
    public int TrainingSize { get; init; } = 64;

    [Description("Seed of every stage.")]
    [ConfigRange(0, long.MaxValue)]
    public long Seed { get; init; } = 1;
}
