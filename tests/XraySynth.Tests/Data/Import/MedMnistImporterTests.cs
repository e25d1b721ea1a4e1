using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Images;
using XraySynth.Data.Import;
using XraySynth.Tests.TestSupport;
using static XraySynth.Tests.Data.Import.ImportFixtures;

namespace XraySynth.Tests.Data.Import;

public sealed class MedMnistImporterTests : IDisposable
{
    readonly TempDirectory temp = new();
    string Npz => temp.File("in/chestmnist.npz");
    string Out => temp.File("out");

    public void Dispose() => temp.Dispose();

    ImportSummary Import(string? source = null, string? flavor = null, bool skipBad = false) =>
        new MedMnistImporter().Import(new ImportOptions { Source = source ?? Npz, Output = Out, Flavor = flavor, SkipBad = skipBad }, NullReporter.Instance);

    [Fact]
    public void A_14_label_set_becomes_ChestMNIST_with_the_nih_vocabulary_official_splits_and_png_images()
    {
        MedMnist(Npz, size: 28, labelWidth: 14, counts: (5, 2, 3), label: (row, c) => (byte)(c == row ? 1 : 0));
        var summary = Import();
        var dataset = Dataset.Load(Out);

        Assert.Equal(LabelVocabulary.Nih14, dataset.Vocabulary);
        Assert.Equal((5, 2, 3), (summary.PerSplit[Split.Train], summary.PerSplit[Split.Val], summary.PerSplit[Split.Test]));
        Assert.Equal(["Atelectasis"], dataset.Images[0].Labels);
        Assert.Equal(["Mass"], dataset.Images[4].Labels);
        var third = dataset.Images[2];
        Assert.Equal(("train_000002", "images/train_000002.png", "train_000002"), (third.Id, third.Path, third.PatientId));
        var png = ImageCodec.Decode(dataset.FullPath(third));
        Assert.Equal((28, 28), (png.Width, png.Height));
        Assert.All(png.Pixels, p => Assert.Equal(20, p));
        Assert.Contains("one patient per image", dataset.Info.Origin);
    }

    [Fact]
    public void A_1_label_int64_set_becomes_PneumoniaMNIST_with_0_as_no_finding()
    {
        MedMnist(Npz, size: 64, labelWidth: 1, counts: (4, 2, 2), labelDescr: "<i8");
        Import(source: temp.File("in"));
        var dataset = Dataset.Load(Out);
        Assert.Equal(["Pneumonia"], dataset.Vocabulary.Names);
        Assert.Equal([false, true, false, true], dataset.InSplit(Split.Train).Select(i => i.Has("Pneumonia")));
        Assert.Equal(64, dataset.Images[0].Width);
    }

    [Fact]
    public void Rejects_float_images_naming_the_dtype_and_what_is_supported()
    {
        MedMnist(Npz, size: 28, labelWidth: 1, counts: (2, 1, 1), imageDescr: "<f4");
        var error = Assert.Throws<DataError>(() => Import());
        Assert.Contains("dtype '<f4' is not supported", error.Message);
        Assert.Contains("'|u1'", error.Message);
        Assert.False(Directory.Exists(Out)); // checked before any image is written
    }

    [Fact]
    public void A_label_value_other_than_0_or_1_is_an_error_and_skip_bad_reports_it()
    {
        MedMnist(Npz, size: 28, labelWidth: 1, counts: (3, 1, 1), label: (row, _) => (byte)(row == 1 ? 2 : 0));
        var error = Assert.Throws<UserError>(() => Import());
        Assert.Contains("train_labels.npy: row 1: label value 2", error.Message);

        var summary = Import(skipBad: true);
        Assert.Equal(4, summary.Images);
        Assert.Contains("row 1", File.ReadAllText(Path.Combine(Out, ImportIssues.ReportFileName)));
        Assert.DoesNotContain(Dataset.Load(Out).Images, i => i.Id == "train_000001");
    }

    [Fact]
    public void A_flavor_that_contradicts_the_label_width_or_an_unknown_width_is_an_error()
    {
        MedMnist(Npz, size: 28, labelWidth: 1, counts: (2, 1, 1));
        Assert.Contains("--flavor chest expects 14", Assert.Throws<DataError>(() => Import(flavor: "chest")).Message);
        MedMnist(temp.File("other/x.npz"), size: 28, labelWidth: 11, counts: (2, 1, 1));
        Assert.Contains("11 columns", Assert.Throws<DataError>(() => Import(source: temp.File("other/x.npz"))).Message);
    }

    [Fact]
    public void A_missing_array_is_named_with_the_arrays_present()
    {
        Npz(Npz, new Dictionary<string, byte[]> { ["train_images"] = Npy("|u1", [1, 2, 2], new byte[4]) });
        var error = Assert.Throws<DataError>(() => Import());
        Assert.Contains("missing array 'train_labels'", error.Message);
        Assert.Contains("train_images", error.Message);
    }

    [Fact]
    public void Parses_npy_headers_with_one_and_many_dimensions()
    {
        var header = NpyHeader.Parse("{'descr': '|u1', 'fortran_order': False, 'shape': (2428, 28, 28), }");
        Assert.Equal(("|u1", false), (header.Descr, header.FortranOrder));
        Assert.Equal([2428L, 28, 28], header.Shape);
        Assert.Equal([5L], NpyHeader.Parse("{'descr': '<i8', 'fortran_order': True, 'shape': (5,), }").Shape);
        Assert.Throws<InvalidDataException>(() => NpyHeader.Parse("{'descr': '|u1'}"));
    }
}
