namespace XraySynth.Gan.Sharing;

/// <summary>One entry of a bundle's manifest.</summary>
/// <param name="Path">Relative path inside the zip.</param>
/// <param name="Bytes">Decompressed size.</param>
/// <param name="Sha256">SHA-256 of the decompressed bytes, lower-case hex.</param>
public sealed record BundleEntry(string Path, long Bytes, string Sha256);
