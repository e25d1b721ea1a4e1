using System.Security.Cryptography;
using System.Text;

namespace XraySynth.Common;

/// <summary>Derives independent, stable seeds for named random streams from one run seed.</summary>
public static class SeedDerivation
{
    /// <summary>A 63-bit seed for <paramref name="stream"/>, stable across runs, platforms and .NET versions.</summary>
    public static long Derive(long seed, string stream)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}/{stream}"), hash);
        return (long)(BitConverter.ToUInt64(hash) & long.MaxValue);
    }

    /// <summary>A seeded <see cref="Random"/> for <paramref name="stream"/>.</summary>
    public static Random CreateRandom(long seed, string stream) => new((int)(Derive(seed, stream) & int.MaxValue));
}
