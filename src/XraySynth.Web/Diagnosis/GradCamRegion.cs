using XraySynth.Detect.Boxes;

namespace XraySynth.Web.Diagnosis;

/// <summary>
/// Where a Grad-CAM map is hot: the bounding box of the 4-connected region around the map's peak where the map is at
/// least <c>threshold × peak</c>. Shown when no detector run is given, labelled as a Grad-CAM region (where the
/// classifier looked), never as a detection.
/// </summary>
public static class GradCamRegion
{
    /// <summary>Default fraction of the peak a pixel must reach.</summary>
    public const double DefaultThreshold = 0.5;

    /// <summary>The region's box in map pixels ([row, column] map; x = column), or null when the map has no positive value.</summary>
    public static Box? Find(float[,] cam, double threshold = DefaultThreshold)
    {
        int rows = cam.GetLength(0), cols = cam.GetLength(1);
        int peakX = -1, peakY = -1;
        float peak = 0;
        for (int y = 0; y < rows; y++)
            for (int x = 0; x < cols; x++)
                if (cam[y, x] > peak) { peak = cam[y, x]; peakX = x; peakY = y; }
        if (peakX < 0) return null;
        double cut = threshold * peak;
        var seen = new bool[rows, cols];
        var stack = new Stack<(int X, int Y)>();
        stack.Push((peakX, peakY));
        seen[peakY, peakX] = true;
        int x0 = peakX, x1 = peakX, y0 = peakY, y1 = peakY;
        while (stack.Count > 0)
        {
            var (x, y) = stack.Pop();
            x0 = Math.Min(x0, x); x1 = Math.Max(x1, x); y0 = Math.Min(y0, y); y1 = Math.Max(y1, y);
            foreach (var (nx, ny) in new[] { (x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1) })
                if (nx >= 0 && ny >= 0 && nx < cols && ny < rows && !seen[ny, nx] && cam[ny, nx] >= cut)
                {
                    seen[ny, nx] = true;
                    stack.Push((nx, ny));
                }
        }
        return new Box(x0, y0, x1 + 1, y1 + 1);
    }
}
