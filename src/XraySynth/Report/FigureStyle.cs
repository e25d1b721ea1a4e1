using ScottPlot;

namespace XraySynth.Report;

/// <summary>
/// Print-readable defaults for report figures: fonts at least <see cref="MinimumFontSize"/> px at the saved size, and
/// a colour-blind-safe palette (Okabe and Ito) with a distinct marker per series so figures survive greyscale print.
/// </summary>
public static class FigureStyle
{
    /// <summary>Smallest font size used in any report figure, in pixels at the saved size.</summary>
    public const float MinimumFontSize = 14;

    /// <summary>Title font size in pixels.</summary>
    public const float TitleFontSize = 22;

    /// <summary>Axis label font size in pixels.</summary>
    public const float AxisLabelFontSize = 19;

    /// <summary>Tick label and legend font size in pixels.</summary>
    public const float TickFontSize = 16;

    /// <summary>Series colours (Okabe–Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue).</summary>
    public static readonly IReadOnlyList<Color> Palette =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#D55E00"), Color.FromHex("#009E73"),
        Color.FromHex("#CC79A7"), Color.FromHex("#E69F00"), Color.FromHex("#56B4E9"),
    ];

    /// <summary>Series markers, in the order of <see cref="Palette"/>.</summary>
    public static readonly IReadOnlyList<MarkerShape> Markers =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle];

    /// <summary>Colour of series <paramref name="index"/> (cycles after six).</summary>
    public static Color SeriesColor(int index) => Palette[index % Palette.Count];

    /// <summary>Marker of series <paramref name="index"/> (cycles after six).</summary>
    public static MarkerShape SeriesMarker(int index) => Markers[index % Markers.Count];

    /// <summary>Sets the title, axis label, tick label and legend fonts of <paramref name="plot"/> to the report sizes.</summary>
    public static void Apply(Plot plot)
    {
        plot.Axes.Title.Label.FontSize = TitleFontSize;
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Bottom, plot.Axes.Left, plot.Axes.Right, plot.Axes.Top })
        {
            axis.Label.FontSize = AxisLabelFontSize;
            axis.TickLabelStyle.FontSize = TickFontSize;
        }
        plot.Legend.FontSize = TickFontSize;
    }
}
