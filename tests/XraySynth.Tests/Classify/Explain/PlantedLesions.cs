using static TorchSharp.torch;

namespace XraySynth.Tests.Classify.Explain;

/// <summary>Noise images of <see cref="Size"/> px, half of them with a bright <see cref="Square"/>-px square at a random position (label 1).</summary>
sealed class PlantedLesions(int seed)
{
    public const int Size = 32;
    public const int Square = 6;

    readonly Random random = new(seed);

    /// <summary>Images [N, 1, Size, Size] in [0, 1], labels [N, 1], and each square's top-left corner (null for negatives).</summary>
    public (Tensor Images, Tensor Labels, (int X, int Y)?[] Squares) Batch(int count, bool positivesOnly = false)
    {
        var pixels = new float[count * Size * Size];
        var labels = new float[count];
        var squares = new (int X, int Y)?[count];
        for (int n = 0; n < count; n++)
        {
            int offset = n * Size * Size;
            for (int i = 0; i < Size * Size; i++) pixels[offset + i] = 0.7f * random.NextSingle();
            if (!positivesOnly && random.Next(2) == 0) continue;
            int x0 = random.Next(Size - Square + 1), y0 = random.Next(Size - Square + 1);
            for (int y = y0; y < y0 + Square; y++)
                for (int x = x0; x < x0 + Square; x++)
                    pixels[offset + y * Size + x] = 0.6f + 0.4f * random.NextSingle();
            labels[n] = 1;
            squares[n] = (x0, y0);
        }
        return (tensor(pixels).reshape(count, 1, Size, Size), tensor(labels).reshape(count, 1), squares);
    }
}
