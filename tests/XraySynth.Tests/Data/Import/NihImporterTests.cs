using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Import;
using XraySynth.Tests.TestSupport;
using static XraySynth.Tests.Data.Import.ImportFixtures;

namespace XraySynth.Tests.Data.Import;

public sealed class NihImporterTests : IDisposable
{
    readonly TempDirectory temp = new();
    readonly RecordingReporter reporter = new();
    string Source => temp.File("nih");
    string Out => temp.File("out");

    public void Dispose() => temp.Dispose();

    ImportSummary Import(bool strict = false, bool skipBad = false, double valFraction = 0.1, long seed = 0) =>
        new NihImporter().Import(new ImportOptions { Source = Source, Output = Out, Strict = strict, SkipBad = skipBad, ValFraction = valFraction, Seed = seed }, reporter);

    /// <summary>Patients 1 and 2 in train_val, 3 in test; 00000003_002.png listed but not on disk.</summary>
    void WriteOfficialLayout(string imageFolder = "images")
    {
        Lines(Path.Combine(Source, "Data_Entry_2017.csv"),
            NihHeader + ",",
            NihRow("00000001_000.png", "No Finding", 0, "1", "57") + ",",
            NihRow("00000001_001.png", "Emphysema|Cardiomegaly", 1, "1", "58") + ",",
            NihRow("00000002_000.png", "Effusion", 0, "2", "81", "F", "AP") + ",",
            NihRow("00000003_001.png", "Hernia|Infiltration", 1, "3") + ",",
            NihRow("00000003_002.png", "No Finding", 2, "3") + ",");
        Lines(Path.Combine(Source, "train_val_list.txt"), "00000001_000.png", "00000001_001.png", "00000002_000.png");
        Lines(Path.Combine(Source, "test_list.txt"), "00000003_001.png", "00000003_002.png");
        foreach (string name in new[] { "00000001_000.png", "00000001_001.png", "00000002_000.png", "00000003_001.png" })
            Png(Path.Combine(Source, imageFolder, name), 16, 16);
    }

    [Fact]
    public void Imports_present_rows_with_labels_patients_ages_sizes_and_paths_relative_to_the_output()
    {
        WriteOfficialLayout();
        var summary = Import();
        var dataset = Dataset.Load(Out);

        Assert.Equal(4, summary.Images);
        Assert.Equal(["00000001_000.png", "00000001_001.png", "00000002_000.png", "00000003_001.png"], dataset.Images.Select(i => i.Id));
        var image = dataset.Images.Single(i => i.Id == "00000001_001.png");
        Assert.Equal(["Cardiomegaly", "Emphysema"], image.Labels); // vocabulary order, not file order
        Assert.Empty(dataset.Images[0].Labels);                    // No Finding
        Assert.Equal("00000001", image.PatientId);
        Assert.Equal(58, image.Age);
        Assert.Equal(("F", "AP"), (dataset.Images[2].Sex, dataset.Images[2].ViewPosition));
        Assert.Equal((16, 16), (image.Width, image.Height));
        Assert.Equal("../nih/images/00000001_001.png", image.Path);
        Assert.True(File.Exists(dataset.FullPath(image)));
        Assert.Equal(LabelVocabulary.Nih14, dataset.Vocabulary);
    }

    [Fact]
    public void Keeps_the_official_test_list_and_puts_train_val_images_in_train_or_val_by_patient()
    {
        WriteOfficialLayout();
        Import();
        var dataset = Dataset.Load(Out);
        Assert.Equal(Split.Test, dataset.Images.Single(i => i.Id == "00000003_001.png").Split);
        var patientOne = dataset.Images.Where(i => i.PatientId == "00000001").Select(i => i.Split).Distinct().ToList();
        Assert.Single(patientOne);
        Assert.Contains(patientOne[0], new[] { Split.Train, Split.Val });
    }

    [Fact]
    public void Carves_a_seeded_patient_disjoint_val_of_the_requested_fraction_from_train_val()
    {
        var rows = new List<string> { NihHeader };
        var names = new List<string>();
        for (int p = 1; p <= 40; p++)
            for (int f = 0; f < 2; f++)
            {
                string name = $"{p:D8}_{f:D3}.png";
                rows.Add(NihRow(name, "No Finding", f, p.ToString()));
                names.Add(name);
                Png(Path.Combine(Source, "images", name));
            }
        Lines(Path.Combine(Source, "Data_Entry_2017.csv"), rows.ToArray());
        Lines(Path.Combine(Source, "train_val_list.txt"), names.ToArray());
        Lines(Path.Combine(Source, "test_list.txt"));

        Import(valFraction: 0.25, seed: 7);
        var images = Dataset.Load(Out).Images;
        var valPatients = images.Where(i => i.Split == Split.Val).Select(i => i.PatientId).Distinct().ToList();
        Assert.Equal(10, valPatients.Count);
        Assert.All(images.GroupBy(i => i.PatientId), g => Assert.Single(g.Select(i => i.Split).Distinct()));

        Directory.Delete(Out, recursive: true);
        Import(valFraction: 0.25, seed: 7);
        Assert.Equal(valPatients, Dataset.Load(Out).Images.Where(i => i.Split == Split.Val).Select(i => i.PatientId).Distinct());
    }

    [Fact]
    public void Counts_listed_images_missing_on_disk_and_warns_with_count_and_example()
    {
        WriteOfficialLayout();
        var summary = Import();
        Assert.Equal(1, summary.Missing);
        string warning = Assert.Single(reporter.Warnings);
        Assert.Contains("1 of 5 images", warning);
        Assert.Contains("00000003_002.png", warning);
    }

    [Fact]
    public void Strict_turns_missing_images_into_an_error_and_writes_nothing()
    {
        WriteOfficialLayout();
        var error = Assert.Throws<UserError>(() => Import(strict: true));
        Assert.Contains("00000003_002.png", error.Message);
        Assert.Contains("--strict", error.Message);
        Assert.False(File.Exists(Path.Combine(Out, "manifest.csv")));
    }

    [Fact]
    public void Finds_images_in_the_kaggle_images_00N_images_folders()
    {
        WriteOfficialLayout(imageFolder: "images_001/images");
        File.Move(Path.Combine(Source, "images_001/images/00000003_001.png"), Path.Combine(Directory.CreateDirectory(Path.Combine(Source, "images_002/images")).FullName, "00000003_001.png"));
        var summary = Import();
        Assert.Equal(4, summary.Images);
        Assert.Equal("../nih/images_002/images/00000003_001.png", Dataset.Load(Out).Images[3].Path);
    }

    [Fact]
    public void Imports_the_kaggle_sample_layout_with_058Y_ages_and_a_seeded_patient_disjoint_split()
    {
        var rows = new List<string> { "Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,OriginalImageWidth,OriginalImageHeight,OriginalImagePixelSpacing_x,OriginalImagePixelSpacing_y" };
        for (int p = 1; p <= 30; p++)
            for (int f = 0; f < 2; f++)
            {
                string name = $"{p:D8}_{f:D3}.png";
                rows.Add($"{name},Mass,{f},{p},058Y,F,PA,2048,2500,0.168,0.168");
                Png(Path.Combine(Source, "images", name));
            }
        rows[1] = rows[1].Replace("058Y", "011M");
        Lines(Path.Combine(Source, "sample_labels.csv"), rows.ToArray());

        Import();
        var images = Dataset.Load(Out).Images;
        Assert.Equal(60, images.Count);
        Assert.Equal(0, images[0].Age);
        Assert.All(images.Skip(1), i => Assert.Equal(58, i.Age));
        Assert.All(images.GroupBy(i => i.PatientId), g => Assert.Single(g.Select(i => i.Split).Distinct()));
        var patientsPerSplit = images.GroupBy(i => i.Split).ToDictionary(g => g.Key, g => g.Select(i => i.PatientId).Distinct().Count());
        Assert.Equal((21, 3, 6), (patientsPerSplit[Split.Train], patientsPerSplit[Split.Val], patientsPerSplit[Split.Test]));
    }

    [Fact]
    public void Reads_the_odd_bbox_header_maps_Infiltrate_and_scales_boxes_from_1024_px_to_the_file_size()
    {
        WriteOfficialLayout();
        Png(Path.Combine(Source, "images", "00000003_001.png"), 256, 256);
        Lines(Path.Combine(Source, "BBox_List_2017.csv"),
            "Image Index,Finding Label,Bbox [x,y,w,h],,,",
            "00000003_001.png,Infiltrate,512,256,102.4,204.8,,,",
            "00000003_002.png,Atelectasis,10,10,10,10,,,");
        var summary = Import();
        var box = Assert.Single(Dataset.Load(Out).Boxes);
        Assert.Equal(1, summary.Boxes);
        Assert.Equal(("00000003_001.png", "Infiltration"), (box.ImageId, box.Label));
        Assert.Equal((128.0, 64.0, 25.6, 51.2), (box.X, box.Y, box.W, box.H));
        Assert.Contains(reporter.Warnings, w => w.StartsWith("1 box(es)"));
    }

    [Fact]
    public void An_unknown_label_stops_the_import_naming_file_and_line()
    {
        WriteOfficialLayout();
        string csv = Path.Combine(Source, "Data_Entry_2017.csv");
        File.WriteAllText(csv, File.ReadAllText(csv).Replace("Emphysema|Cardiomegaly", "Emphysema|Cardiomegally"));
        var error = Assert.Throws<UserError>(() => Import());
        Assert.Contains($"{csv}:3:", error.Message);
        Assert.Contains("unknown label 'Cardiomegally'; did you mean 'Cardiomegaly'?", error.Message);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void Skip_bad_skips_the_bad_row_and_lists_it_in_import_report_csv()
    {
        WriteOfficialLayout();
        string csv = Path.Combine(Source, "Data_Entry_2017.csv");
        File.WriteAllText(csv, File.ReadAllText(csv).Replace("Emphysema|Cardiomegaly", "Emphysema|Cardiomegally"));
        var summary = Import(skipBad: true);
        Assert.Equal(3, summary.Images);
        Assert.Equal(1, summary.Skipped);
        var report = File.ReadAllLines(Path.Combine(Out, ImportIssues.ReportFileName));
        Assert.Equal("file,line,reason", report[0]);
        Assert.StartsWith($"{csv},3,", report[1]);
        Assert.DoesNotContain(Dataset.Load(Out).Images, i => i.Id == "00000001_001.png");
    }

    [Fact]
    public void A_truncated_png_is_an_error_naming_the_file()
    {
        WriteOfficialLayout();
        string png = Path.Combine(Source, "images", "00000002_000.png");
        byte[] bytes = File.ReadAllBytes(png);
        File.WriteAllBytes(png, bytes[..(bytes.Length - 20)]);
        var error = Assert.Throws<UserError>(() => Import());
        Assert.Contains(png, error.Message);
        Assert.Contains("truncated PNG", error.Message);
    }

    [Fact]
    public void Malformed_rows_short_rows_and_bad_patient_ids_are_each_reported_with_their_line()
    {
        WriteOfficialLayout();
        string csv = Path.Combine(Source, "Data_Entry_2017.csv");
        File.AppendAllText(csv, "00000009_000.png,Mass\n" + NihRow("00000009_001.png", "Mass", 1, "p9") + "\n" + NihRow("00000009_002.png", "Mass", 2, "9", "old") + "\n");
        var error = Assert.Throws<UserError>(() => Import());
        Assert.Contains($"{csv}:7: malformed row", error.Message);
        Assert.Contains($"{csv}:8: 00000009_001.png: Patient ID 'p9'", error.Message);
        Assert.Contains($"{csv}:9: 00000009_002.png: Patient Age 'old'", error.Message);
    }

    [Fact]
    public void A_missing_label_file_or_a_folder_without_images_is_a_clear_error()
    {
        Directory.CreateDirectory(Source);
        Assert.Contains("missing label file: expected Data_Entry_2017.csv", Assert.Throws<DataError>(() => Import()).Message);
        Lines(Path.Combine(Source, "Data_Entry_2017.csv"), NihHeader, NihRow("00000001_000.png", "Mass", 0, "1"));
        Directory.CreateDirectory(Path.Combine(Source, "images"));
        Assert.Contains("no image files", Assert.Throws<DataError>(() => Import()).Message);
    }

    [Fact]
    public void Refuses_to_write_into_a_folder_that_already_holds_files()
    {
        WriteOfficialLayout();
        Lines(Path.Combine(Out, "manifest.csv"), "old");
        Assert.Contains("not empty", Assert.Throws<UserError>(() => Import()).Message);
    }

    [Theory]
    [InlineData("13", "00000013")]
    [InlineData("00000013", "00000013")]
    [InlineData("30805", "00030805")]
    public void Patient_ids_take_the_8_digit_form_of_the_image_index(string text, string expected)
    {
        Assert.True(NihLabelFile.TryPatientId(text, out string patient));
        Assert.Equal(expected, patient);
    }
}
