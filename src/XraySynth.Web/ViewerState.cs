using XraySynth.Web.Catalog;
using XraySynth.Web.Diagnosis;
using XraySynth.Web.History;

namespace XraySynth.Web;

/// <summary>Everything the endpoints use, created once per server.</summary>
/// <param name="Options">The server's options.</param>
/// <param name="Datasets">Datasets to browse.</param>
/// <param name="GanRuns">GAN runs to show.</param>
/// <param name="Diagnoser">The diagnose page's models, or null when no classifier run was given.</param>
/// <param name="History">The diagnosis history.</param>
public sealed record ViewerState(WebServerOptions Options, DatasetCatalog Datasets, GanRunCatalog GanRuns, Diagnoser? Diagnoser, DiagnosisHistory History)
{
    /// <summary>The diagnoser, or a user error saying how to start the server with one.</summary>
    public Diagnoser RequireDiagnoser() => Diagnoser
        ?? throw new Common.UserError("diagnosing is off: start the server with --classifier RUN (a folder made by 'xraysynth classify train')");
}
