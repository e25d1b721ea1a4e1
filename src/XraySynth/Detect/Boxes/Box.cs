namespace XraySynth.Detect.Boxes;

/// <summary>
/// An axis-aligned box in continuous pixel coordinates: pixel <c>(i, j)</c> covers <c>[i, i+1) × [j, j+1)</c>, so a
/// box from <c>boxes.csv</c> (x, y, w, h) spans <c>[x, x+w) × [y, y+h)</c>. Areas and IoU are the continuous ones
/// (no "+1", as in pycocotools).
/// </summary>
/// <param name="X0">Left edge.</param>
/// <param name="Y0">Top edge.</param>
/// <param name="X1">Right edge (≥ X0 for a valid box).</param>
/// <param name="Y1">Bottom edge (≥ Y0 for a valid box).</param>
public readonly record struct Box(double X0, double Y0, double X1, double Y1)
{
    /// <summary>A box from its left, top, width and height (boxes.csv's form).</summary>
    public static Box FromXywh(double x, double y, double w, double h) => new(x, y, x + w, y + h);

    /// <summary>A box of size <paramref name="w"/> × <paramref name="h"/> centred on (<paramref name="cx"/>, <paramref name="cy"/>).</summary>
    public static Box FromCenter(double cx, double cy, double w, double h) => new(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);

    /// <summary>Width (0 when the box is empty).</summary>
    public double Width => Math.Max(0, X1 - X0);
    /// <summary>Height (0 when the box is empty).</summary>
    public double Height => Math.Max(0, Y1 - Y0);
    /// <summary>Area (0 when the box is empty).</summary>
    public double Area => Width * Height;
    /// <summary>Horizontal centre.</summary>
    public double CenterX => (X0 + X1) / 2;
    /// <summary>Vertical centre.</summary>
    public double CenterY => (Y0 + Y1) / 2;
    /// <summary>Whether the box has no area.</summary>
    public bool IsEmpty => !(X1 > X0 && Y1 > Y0);

    /// <summary>The overlap of two boxes (empty when they do not overlap).</summary>
    public Box Intersect(Box other) => new(Math.Max(X0, other.X0), Math.Max(Y0, other.Y0), Math.Min(X1, other.X1), Math.Min(Y1, other.Y1));

    /// <summary>Intersection over union; 0 when both are empty.</summary>
    public static double Iou(Box a, Box b)
    {
        double inter = a.Intersect(b).Area;
        double union = a.Area + b.Area - inter;
        return union > 0 ? inter / union : 0;
    }

    /// <summary>Every coordinate times <paramref name="sx"/> (x) and <paramref name="sy"/> (y): the box after resizing the image by those factors.</summary>
    public Box Scale(double sx, double sy) => new(X0 * sx, Y0 * sy, X1 * sx, Y1 * sy);

    /// <summary>The box moved by (<paramref name="dx"/>, <paramref name="dy"/>).</summary>
    public Box Translate(double dx, double dy) => new(X0 + dx, Y0 + dy, X1 + dx, Y1 + dy);

    /// <summary>The box clipped to <c>[0, width] × [0, height]</c>.</summary>
    public Box Clip(double width, double height) =>
        new(Math.Clamp(X0, 0, width), Math.Clamp(Y0, 0, height), Math.Clamp(X1, 0, width), Math.Clamp(Y1, 0, height));

    /// <summary>The box in an image of width <paramref name="imageWidth"/> mirrored left to right.</summary>
    public Box FlipHorizontal(double imageWidth) => new(imageWidth - X1, Y0, imageWidth - X0, Y1);

    /// <summary>
    /// The box after cropping the image to the window at (<paramref name="left"/>, <paramref name="top"/>) of size
    /// <paramref name="cropWidth"/> × <paramref name="cropHeight"/>: shifted into the window's coordinates and clipped to it.
    /// </summary>
    public Box Crop(double left, double top, double cropWidth, double cropHeight) => Translate(-left, -top).Clip(cropWidth, cropHeight);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{X0:0.##}, {Y0:0.##}, {X1:0.##}, {Y1:0.##}]");
}
