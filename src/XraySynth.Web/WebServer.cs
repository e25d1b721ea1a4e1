using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using XraySynth.Common;
using XraySynth.Web.Catalog;
using XraySynth.Web.Diagnosis;
using XraySynth.Web.Endpoints;
using XraySynth.Web.History;
using static TorchSharp.torch;

namespace XraySynth.Web;

/// <summary>
/// The local web viewer: a Kestrel server (ASP.NET Core from the shared framework) serving the page and its JSON API.
/// Start it with <see cref="StartAsync"/>; it stops when disposed.
/// </summary>
public sealed class WebServer : IAsyncDisposable
{
    readonly WebApplication app;
    readonly ViewerState state;

    /// <summary>The address it listens on, e.g. http://127.0.0.1:5077/.</summary>
    public Uri Address { get; }

    /// <summary>What it serves.</summary>
    public ViewerState State => state;

    WebServer(WebApplication app, ViewerState state, Uri address)
    {
        this.app = app;
        this.state = state;
        Address = address;
    }

    /// <summary>
    /// Loads the datasets and models of <paramref name="options"/> (torch must be started, and <paramref name="device"/>
    /// given, when a classifier is), binds and starts serving. Server errors are logged to <paramref name="log"/>.
    /// </summary>
    /// <exception cref="UserError">A dataset or run cannot be loaded, or the port is taken.</exception>
    public static async Task<WebServer> StartAsync(WebServerOptions options, Device? device, TextWriter log, CancellationToken cancel = default)
    {
        if (!IPAddress.TryParse(options.Host.Trim('[', ']'), out var address) && options.Host != "localhost")
            throw new UserError($"--host '{options.Host}': expected an IP address such as 127.0.0.1 or 0.0.0.0");
        var datasets = DatasetCatalog.Load(options.Datasets);
        var runs = new GanRunCatalog(options.Runs);
        if (options.Detector is not null && options.Classifier is null)
            throw new UserError("--detector needs --classifier too: the diagnose page's findings come from a classifier run");
        Diagnoser? diagnoser = options.Classifier is null ? null
            : Diagnoser.Load(options.Classifier, options.Detector, device ?? throw new ArgumentNullException(nameof(device), "a device is needed to load the classifier"), options.BoxThreshold);
        var history = DiagnosisHistory.Open(options.History);
        var state = new ViewerState(options, datasets, runs, diagnoser, history);
        try
        {
            var app = Build(options, state, address ?? IPAddress.Loopback, log);
            try { await app.StartAsync(cancel); }
            catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await app.DisposeAsync();
                throw new UserError($"cannot listen on {options.Host}:{options.Port}: {e.Message} (use --port to pick another, or 0 for any free port)");
            }
            var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new WebServer(app, state, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
        }
        catch
        {
            diagnoser?.Dispose();
            history.Dispose();
            throw;
        }
    }

    static WebApplication Build(WebServerOptions options, ViewerState state, IPAddress address, TextWriter log)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(WebServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TextWriterLoggerProvider(log));
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(address, options.Port);
            kestrel.Limits.MaxRequestBodySize = options.Uploads.MaxBytes + DiagnoseEndpoints.FormOverhead;
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<FormOptions>(form =>
        {
            form.MultipartBodyLengthLimit = options.Uploads.MaxBytes + DiagnoseEndpoints.FormOverhead;
            form.ValueCountLimit = 64;
        });
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) => new ValueTask(Guards.WriteError(context.HttpContext, 429,
                "too many requests from this address; wait a minute and try again"));
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(Client(context), _ => Window(options.RequestsPerMinute)));
            limiter.AddPolicy(DiagnoseEndpoints.RatePolicy, context =>
                RateLimitPartition.GetFixedWindowLimiter(Client(context), _ => Window(options.DiagnosesPerMinute)));
        });
        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("xraysynth.serve");
        app.Use((context, next) => Guards.Handle(context, () => next(context), options, logger));
        app.UseRateLimiter();
        PageEndpoints.Map(app);
        DatasetEndpoints.Map(app, state);
        GanRunEndpoints.Map(app, state);
        DiagnoseEndpoints.Map(app, state);
        app.MapFallback((HttpContext context) => Guards.WriteError(context, 404, $"no such page or API: {context.Request.Path}"));
        return app;
    }

    static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    static FixedWindowRateLimiterOptions Window(int perMinute) =>
        new() { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };

    /// <summary>Completes when the server stops (<paramref name="cancel"/> stops it).</summary>
    public async Task WaitAsync(CancellationToken cancel)
    {
        try { await Task.Delay(Timeout.Infinite, cancel); }
        catch (OperationCanceledException) { }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        state.Diagnoser?.Dispose();
        state.History.Dispose();
    }
}
