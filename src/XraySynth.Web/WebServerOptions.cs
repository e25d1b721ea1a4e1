using XraySynth.Web.Safety;

namespace XraySynth.Web;

/// <summary>What <c>xraysynth serve</c> serves and how.</summary>
public sealed record WebServerOptions
{
    /// <summary>Dataset folders to browse (none: the browser page says so).</summary>
    public IReadOnlyList<string> Datasets { get; init; } = [];

    /// <summary>Folder scanned for GAN run folders (e.g. <c>checkpoints</c>); null: no GAN runs page content.</summary>
    public string? Runs { get; init; }

    /// <summary>Classifier run for the diagnose page; null: diagnosing is off (the page says how to turn it on).</summary>
    public string? Classifier { get; init; }

    /// <summary>Detector run whose boxes the diagnose page draws; null: the box is the Grad-CAM region of the top finding.</summary>
    public string? Detector { get; init; }

    /// <summary>Address to bind (default 127.0.0.1: this machine only).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port (default 5077; 0 picks a free one).</summary>
    public int Port { get; init; } = 5077;

    /// <summary>SQLite file of the diagnosis history.</summary>
    public string History { get; init; } = "reports/serve/history.sqlite";

    /// <summary>Upload caps.</summary>
    public UploadLimits Uploads { get; init; } = new();

    /// <summary>Requests per minute per client address, all pages and images together (default 1200).</summary>
    public int RequestsPerMinute { get; init; } = 1200;

    /// <summary>Diagnoses (uploads) per minute per client address (default 30).</summary>
    public int DiagnosesPerMinute { get; init; } = 30;

    /// <summary>Detector boxes scoring below this are not drawn (default 0.3).</summary>
    public double BoxThreshold { get; init; } = 0.3;

    /// <summary>Whether <see cref="Host"/> is a loopback address (or localhost).</summary>
    public bool IsLoopback => Host is "127.0.0.1" or "localhost" or "::1" or "[::1]";
}
