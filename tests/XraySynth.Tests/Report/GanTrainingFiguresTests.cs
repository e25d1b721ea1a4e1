using XraySynth.Common;
using XraySynth.Report;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Report;

public sealed class GanTrainingFiguresTests
{
    [Fact]
    public void Curves_plot_losses_and_the_gradient_penalty_when_the_run_logged_one()
    {
        using var temp = new TempDirectory();
        string pggan = ReportSamples.GanRun(temp.File("pggan"));
        string dcgan = ReportSamples.GanRun(temp.File("dcgan"), gradientPenalty: false);

        var (_, withPenalty) = FigureAssert.Valid(GanTrainingFigures.SaveCurves(pggan, temp.File("pggan-curves")), temp.File("pggan-curves"),
            GanTrainingFigures.CurvesWidth, GanTrainingFigures.CurvesHeight);
        var (_, withoutPenalty) = FigureAssert.Valid(GanTrainingFigures.SaveCurves(dcgan, temp.File("dcgan-curves")), temp.File("dcgan-curves"));

        var texts = FigureAssert.Texts(withPenalty);
        Assert.Contains("discriminator loss", texts);
        Assert.Contains("generator loss", texts);
        Assert.Contains("gradient penalty (right axis)", texts);
        Assert.Contains("→ 8 px", texts);
        Assert.Contains("rollback (NaN/Inf)", texts);
        Assert.Contains("training progress (kimg = thousands of real images shown)", texts);
        Assert.DoesNotContain("gradient penalty (right axis)", FigureAssert.Texts(withoutPenalty));
    }

    [Fact]
    public void Progression_shows_evenly_picked_grids_captioned_with_kimg_and_only_their_sample_pixels()
    {
        using var temp = new TempDirectory();
        string run = ReportSamples.GanRun(temp.File("run"), grids: 8);
        string stem = temp.File("progression");

        var (png, svg) = FigureAssert.Valid(GanTrainingFigures.SaveProgression(run, stem, maxColumns: 3), stem);

        var texts = FigureAssert.Texts(svg);
        Assert.Equal(["No Finding", "Cardiomegaly", "Hernia", "0.5 kimg", "2.5 kimg", "4.0 kimg"], texts);
        // Each row's tiles keep their grey level; the trainer's own caption and row titles are cropped away (no dark text pixels left in panels).
        for (int row = 0; row < 3; row++)
        {
            byte level = ReportSamples.TileValue(row);
            Assert.True(png.Pixels.Count(p => p == level) >= 3 * 3 * 8 * 8, $"row {row}: too few pixels of grey {level}");
        }
    }

    [Fact]
    public void Pick_evenly_keeps_first_and_last()
    {
        int[] items = [0, 1, 2, 3, 4, 5, 6, 7];
        Assert.Equal([0, 4, 7], GanTrainingFigures.PickEvenly(items, 3));
        Assert.Equal([7], GanTrainingFigures.PickEvenly(items, 1));
        Assert.Equal(items, GanTrainingFigures.PickEvenly(items, 10));
    }

    [Fact]
    public void A_folder_that_is_not_a_gan_run_is_a_user_error()
    {
        using var temp = new TempDirectory();
        Assert.Contains("log.csv", Assert.Throws<UserError>(() => GanTrainingFigures.SaveCurves(temp.Path, temp.File("c"))).Message);
        Assert.Contains("no sample grids", Assert.Throws<UserError>(() => GanTrainingFigures.SaveProgression(temp.Path, temp.File("p"))).Message);
    }
}
