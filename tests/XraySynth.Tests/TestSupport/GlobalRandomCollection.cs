namespace XraySynth.Tests.TestSupport;

/// <summary>
/// Tests that compare two runs seeded from torch's global generator, or that change libtorch's process-wide
/// switches (GAN benchmarks turn deterministic algorithms off while they run). xunit runs test classes in
/// parallel, so these run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalRandomCollection
{
    /// <summary>The collection's name, for <c>[Collection(GlobalRandomCollection.Name)]</c>.</summary>
    public const string Name = "torch global generator";
}
