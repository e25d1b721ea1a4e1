using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using XraySynth.Data.Images;
using XraySynth.Report;

namespace XraySynth.Tests.Report;

/// <summary>Checks on a saved report figure: both files exist, the PNG decodes at the SVG's size, the SVG is well-formed with print-size text.</summary>
static class FigureAssert
{
    /// <summary>Asserts the figure is valid and returns the decoded PNG and the SVG text.</summary>
    public static (GrayImage Png, string Svg) Valid(ReportFigure figure, string stem, int? width = null, int? height = null)
    {
        Assert.Equal(stem + ".png", figure.PngPath);
        Assert.Equal(stem + ".svg", figure.SvgPath);
        Assert.True(File.Exists(figure.PngPath), figure.PngPath);
        Assert.True(File.Exists(figure.SvgPath), figure.SvgPath);
        var png = ImageCodec.Decode(figure.PngPath);
        if (width is int w) Assert.Equal(w, png.Width);
        if (height is int h) Assert.Equal(h, png.Height);

        string svg = File.ReadAllText(figure.SvgPath);
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        Assert.Equal(png.Width, int.Parse(root.Attribute("width")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal(png.Height, int.Parse(root.Attribute("height")!.Value, CultureInfo.InvariantCulture));
        var sizes = Regex.Matches(svg, "font-size=\"([0-9.]+)\"").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(sizes);
        Assert.All(sizes, s => Assert.True(s >= FigureStyle.MinimumFontSize, $"font size {s} px < {FigureStyle.MinimumFontSize} px in {figure.SvgPath}"));
        Assert.True(png.Pixels.Distinct().Count() > 4, "the PNG is (nearly) blank");
        return (png, svg);
    }

    /// <summary>The visible text of an SVG (its text elements' contents, trimmed).</summary>
    public static IReadOnlyList<string> Texts(string svg) =>
        XDocument.Parse(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
}
