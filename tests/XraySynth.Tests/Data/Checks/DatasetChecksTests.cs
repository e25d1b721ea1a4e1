using XraySynth.Data;
using XraySynth.Common;
using XraySynth.Data.Cache;
using XraySynth.Data.Checks;
using XraySynth.Data.Images;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Data.Checks;

public sealed class DatasetChecksTests
{
    static List<ImageRecord> Images() => TinyDataset.Images.ToList();

    static CheckProblem Single(CheckReport report, string check)
    {
        var problem = Assert.Single(report.Errors);
        Assert.Equal(check, problem.Check);
        return problem;
    }

    [Fact]
    public void A_clean_dataset_passes_every_check_with_a_one_line_summary()
    {
        using var temp = new TempDirectory();
        var report = DatasetChecks.Run(TinyDataset.Write(temp.Path), new CheckOptions { Decode = true });
        Assert.True(report.Passed, string.Join("\n", report.Problems));
        Assert.Contains("6 images, 1 boxes, 7 checks: all passed", report.Summary);
    }

    [Fact]
    public void A_patient_in_two_splits_is_an_error_on_the_later_line()
    {
        using var temp = new TempDirectory();
        var images = Images();
        images[1] = images[1] with { Split = Split.Test };
        var problem = Single(DatasetChecks.Run(TinyDataset.Write(temp.Path, images)), "patient-splits");
        Assert.Equal((Path.Combine(temp.Path, "manifest.csv"), 3), (problem.File, problem.Line));
        Assert.Contains("patient 'p1' is in test here and in train on line 2", problem.Message);
    }

    [Fact]
    public void A_synthetic_image_in_test_is_an_error()
    {
        using var temp = new TempDirectory();
        var images = Images();
        images[5] = images[5] with { Split = Split.Test };
        var problem = Single(DatasetChecks.Run(TinyDataset.Write(temp.Path, images)), "synthetic-in-train");
        Assert.Equal(7, problem.Line);
        Assert.Contains("synthetic image 'syn1' is in test: synthetic images may only be in train", problem.Message);
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_the_file()
    {
        using var temp = new TempDirectory();
        var dataset = TinyDataset.Write(temp.Path);
        File.Delete(temp.File("images/img3.png"));
        var problem = Single(DatasetChecks.Run(dataset), "image-files");
        Assert.Equal(4, problem.Line);
        Assert.Contains("image 'img3': file images/img3.png not found", problem.Message);
    }

    [Fact]
    public void Missing_files_are_one_warning_when_the_trainer_reads_an_up_to_date_cache()
    {
        using var temp = new TempDirectory();
        var dataset = TinyDataset.Write(temp.Path);
        CachePreparer.Prepare(dataset, new PrepareConfig { Size = 16 }, NullReporter.Instance);
        File.Delete(temp.File("images/img3.png"));
        File.Delete(temp.File("images/img5.png"));

        var report = DatasetChecks.Run(dataset, new CheckOptions { CachedSize = 16 });
        Assert.True(report.Passed, string.Join("\n", report.Problems));
        var warning = Assert.Single(report.Warnings, w => w.Check == "image-files");
        Assert.Contains("2 of 6 image files are not on disk (e.g. images/img3.png, images/img5.png)", warning.Message);
        Assert.Contains(Path.Combine("cache", "16"), warning.Message);

        // Another size has no cache, and a cache the manifest no longer matches does not count either.
        Assert.Equal(2, DatasetChecks.Run(dataset, new CheckOptions { CachedSize = 32 }).Errors.Count);
        var edited = TinyDataset.Images.Select(i => i.Id == "img1" ? i with { Labels = ["A"] } : i).ToList();
        var changed = new Dataset(temp.Path, dataset.Info, edited, dataset.Boxes);
        changed.Save();
        Assert.Equal(2, DatasetChecks.Run(Dataset.Load(temp.Path), new CheckOptions { CachedSize = 16 }).Errors.Count(e => e.Check == "image-files"));
    }

    [Fact]
    public void A_wrong_size_file_is_still_an_error_beside_an_up_to_date_cache()
    {
        using var temp = new TempDirectory();
        var dataset = TinyDataset.Write(temp.Path);
        CachePreparer.Prepare(dataset, new PrepareConfig { Size = 16 }, NullReporter.Instance);
        ImageCodec.WritePng(new GrayImage(20, 20), temp.File("images/img2.png"));
        var problem = Single(DatasetChecks.Run(dataset, new CheckOptions { CachedSize = 16 }), "image-files");
        Assert.Contains("is 20x20 pixels but the manifest says 32x32", problem.Message);
    }

    [Fact]
    public void A_truncated_file_fails_with_decode_only()
    {
        using var temp = new TempDirectory();
        var dataset = TinyDataset.Write(temp.Path);
        var noise = new byte[TinyDataset.Size * TinyDataset.Size];
        new Random(1).NextBytes(noise);
        byte[] png = ImageCodec.EncodePng(new GrayImage(TinyDataset.Size, TinyDataset.Size, noise));
        File.WriteAllBytes(temp.File("images/img2.png"), png[..(png.Length / 2)]);
        Assert.True(DatasetChecks.Run(dataset).Passed);
        var problem = Single(DatasetChecks.Run(dataset, new CheckOptions { Decode = true }), "image-files");
        Assert.Contains("image 'img2': cannot decode images/img2.png", problem.Message);
    }

    [Fact]
    public void A_file_that_is_not_an_image_fails_the_header_read()
    {
        using var temp = new TempDirectory();
        var dataset = TinyDataset.Write(temp.Path);
        File.WriteAllText(temp.File("images/img2.png"), "not a png");
        var problem = Single(DatasetChecks.Run(dataset), "image-files");
        Assert.Contains("image 'img2': cannot read the header of images/img2.png", problem.Message);
    }

    [Fact]
    public void A_header_size_other_than_the_manifest_size_is_an_error()
    {
        using var temp = new TempDirectory();
        var images = Images();
        images[0] = images[0] with { Width = 64 };
        var problem = Single(DatasetChecks.Run(TinyDataset.Write(temp.Path, images)), "image-files");
        Assert.Contains("images/img1.png is 32x32 pixels but the manifest says 64x32", problem.Message);
    }

    [Fact]
    public void A_box_outside_the_image_is_an_error_on_its_boxes_line_but_half_a_pixel_is_tolerated()
    {
        using var temp = new TempDirectory();
        BoxRecord[] boxes = [new("img1", "A", 0, 0, 32.4, 10), new("img1", "B", -0.4, 20, 10, 12.5), new("img1", "A", 25, 25, 10, 5)];
        var problem = Single(DatasetChecks.Run(TinyDataset.Write(temp.Path, boxes: boxes)), "boxes");
        Assert.Equal((Path.Combine(temp.Path, "boxes.csv"), 4), (problem.File, problem.Line));
        Assert.Contains("box x=25, y=25, w=10, h=5 lies outside image 'img1' (32x32)", problem.Message);
    }

    [Fact]
    public void A_box_on_an_unknown_image_is_an_error()
    {
        using var temp = new TempDirectory();
        var problem = Single(DatasetChecks.Run(TinyDataset.Write(temp.Path, boxes: [new("nope", "A", 1, 1, 2, 2)])), "boxes");
        Assert.Contains("box on image 'nope': no such id in manifest.csv", problem.Message);
    }

    [Fact]
    public void A_box_label_the_image_does_not_carry_is_an_error()
    {
        using var temp = new TempDirectory();
        var problem = Single(DatasetChecks.Run(TinyDataset.Write(temp.Path, boxes: [new("img1", "C", 1, 1, 2, 2)])), "boxes");
        Assert.Contains("box label 'C' is not among image 'img1''s labels (A|B)", problem.Message);
    }

    [Fact]
    public void In_memory_duplicates_and_unknown_labels_are_errors()
    {
        var images = Images();
        images.Add(images[0] with { Labels = ["Z"] });
        var dataset = new Dataset("/tmp/in-memory", new DatasetInfo { Name = "tiny", Labels = ["A", "B", "C"] }, images, []);
        var checks = new IDatasetCheck[] { new UniqueIdsCheck(), new ManifestLabelsCheck() };
        var report = DatasetChecks.Run(dataset, checks: checks);
        Assert.Equal(["duplicate id 'img1' (first on line 2)", "image 'img1': unknown label 'Z'; did you mean 'A'?"], report.Errors.Select(e => e.Message));
    }

    [Fact]
    public void Every_problem_is_collected_and_ensure_valid_lists_them_all()
    {
        using var temp = new TempDirectory();
        var images = Images();
        images[1] = images[1] with { Split = Split.Val };
        images[5] = images[5] with { Split = Split.Val };
        var dataset = TinyDataset.Write(temp.Path, images, [new("nope", "A", 1, 1, 2, 2)]);
        File.Delete(temp.File("images/img5.png"));
        var report = DatasetChecks.Run(dataset);
        Assert.Equal(4, report.Errors.Count);
        var error = Assert.Throws<DataError>(() => report.EnsureValid());
        Assert.Equal(4, error.Issues.Count);
        Assert.StartsWith("4 problems:", error.Message);
    }

    [Fact]
    public void A_label_missing_from_a_split_is_only_a_warning()
    {
        using var temp = new TempDirectory();
        var report = DatasetChecks.EnsureValid(TinyDataset.Write(temp.Path, Images().Where(i => i.Id != "img5").Append(TinyDataset.Image("img6", "p6", Split.Test)).ToList()));
        Assert.True(report.Passed);
        Assert.Contains(report.Warnings, w => w.Message == "label 'A' has no real positives in test (1 images)");
    }
}
