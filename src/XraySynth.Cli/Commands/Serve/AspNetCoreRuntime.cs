using System.Reflection;
using System.Runtime.Loader;
using XraySynth.Common;

namespace XraySynth.Cli.Commands.Serve;

/// <summary>
/// Makes the shared ASP.NET Core framework loadable for <c>serve</c>. The command's runtimeconfig lists only
/// Microsoft.NETCore.App (so every other command runs where only the .NET runtime is installed); <c>serve</c> resolves
/// Microsoft.AspNetCore.* assemblies from the Microsoft.AspNetCore.App folder beside the running runtime (same major
/// version, the running runtime's exact version when present), which every .NET SDK install has.
/// </summary>
public sealed class AspNetCoreRuntime
{
    /// <summary>The framework folder assemblies are loaded from.</summary>
    public string Folder { get; }

    AspNetCoreRuntime(string folder) => Folder = folder;

    /// <summary>Finds the framework and registers the resolver on the default load context.</summary>
    /// <exception cref="UserError">No Microsoft.AspNetCore.App of this runtime's major version is installed.</exception>
    public static AspNetCoreRuntime Register()
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;          // .../shared/Microsoft.NETCore.App/10.0.12
        string shared = Path.GetDirectoryName(Path.GetDirectoryName(runtime)!)!;             // .../shared
        string frameworks = Path.Combine(shared, "Microsoft.AspNetCore.App");
        var version = Environment.Version;
        string? folder = null;
        if (Directory.Exists(frameworks))
        {
            string exact = Path.Combine(frameworks, Path.GetFileName(runtime));
            folder = Directory.Exists(exact) ? exact : Directory.EnumerateDirectories(frameworks)
                .Select(d => (Path: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
                .Where(d => d.Version is { } v && v.Major == version.Major)
                .OrderByDescending(d => d.Version).Select(d => d.Path).FirstOrDefault();
        }
        if (folder is null)
            throw new UserError($"serve needs the ASP.NET Core runtime {version.Major}.x (Microsoft.AspNetCore.App), which the .NET SDK includes; " +
                                $"none under {frameworks}. Install it (Debian: aspnetcore-runtime-{version.Major}.0) or run serve where the SDK is installed.");
        var found = new AspNetCoreRuntime(folder);
        AssemblyLoadContext.Default.Resolving += found.Resolve;
        return found;
    }

    Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        string file = Path.Combine(Folder, name.Name + ".dll");
        return File.Exists(file) ? context.LoadFromAssemblyPath(file) : null;
    }
}
