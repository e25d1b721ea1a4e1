using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Cache;
using XraySynth.Tests.Data.Cache;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Data.Loading;

/// <summary>A tiny dataset with its 16 px cache prepared and opened; disposed with its temp folder.</summary>
public sealed class LoaderFixture : IDisposable
{
    readonly TempDirectory dir = new();

    /// <summary>The dataset (23 images, so batches of 5 leave a partial last one).</summary>
    public Dataset Dataset { get; }
    /// <summary>Its cache at 16 px.</summary>
    public PreparedCache Cache { get; }

    /// <summary>Creates and prepares the dataset.</summary>
    public LoaderFixture()
    {
        Dataset = TinyDataset.Create(dir.Path, count: 23, size: 32);
        CachePreparer.Prepare(Dataset, new PrepareConfig { Size = 16, Workers = 1 }, NullReporter.Instance);
        Cache = PreparedCache.Open(Dataset, 16);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Cache.Dispose();
        dir.Dispose();
    }
}
