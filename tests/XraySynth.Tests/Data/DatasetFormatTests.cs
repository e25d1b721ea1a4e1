using XraySynth.Data;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Data;

public sealed class DatasetFormatTests
{
    static readonly LabelVocabulary Labels = LabelVocabulary.Nih14;

    static IReadOnlyList<ImageRecord> Rows() =>
    [
        new ImageRecord { Id = "00000013_005.png", Path = "../nih/images/00000013_005.png", PatientId = "00000013", Split = Split.Train,
            Labels = ["Effusion", "Hernia"], ViewPosition = "PA", Age = 60, Sex = "M", Width = 256, Height = 256 },
        new ImageRecord { Id = "weird, \"quoted\" id", Path = "/abs/path with spaces/a,b.png", PatientId = "p,1", Split = Split.Val,
            Labels = [], ViewPosition = "", Age = null, Sex = "", Width = 1024, Height = 1020 },
        new ImageRecord { Id = "syn_000001", Path = "../generated/run/000001.png", PatientId = "synthetic", Split = Split.Train,
            Source = ImageSource.Synthetic, Labels = ["Hernia"], Width = 64, Height = 64,
            GeneratorHash = new string('a', 64), GeneratorSeed = 9_007_199_254_740_993, Truncation = 0.1 + 0.2 },
    ];

    [Fact]
    public void Manifest_write_then_read_gives_equal_records()
    {
        using var temp = new TempDirectory();
        string path = temp.File("manifest.csv");
        ManifestFile.Write(path, Rows(), Labels);
        var back = ManifestFile.Read(path, Labels);
        Assert.Equal(Rows(), back);
        Assert.Equal(0.1 + 0.2, back[2].Truncation); // 17 significant digits survive
    }

    [Fact]
    public void Manifest_read_then_write_reproduces_the_file_byte_for_byte()
    {
        using var temp = new TempDirectory();
        string first = temp.File("a.csv"), second = temp.File("b.csv");
        ManifestFile.Write(first, Rows(), Labels);
        ManifestFile.Write(second, ManifestFile.Read(first, Labels), Labels);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Labels_are_written_in_vocabulary_order_as_nih_writes_them()
    {
        using var temp = new TempDirectory();
        string path = temp.File("manifest.csv");
        ManifestFile.Write(path, [Rows()[0] with { Labels = ["Hernia", "Effusion"] }, Rows()[1]], Labels);
        string text = File.ReadAllText(path);
        Assert.Contains(",Effusion|Hernia,", text);
        Assert.Contains(",No Finding,", text);
    }

    [Fact]
    public void Boxes_round_trip_exactly()
    {
        using var temp = new TempDirectory();
        string path = temp.File("boxes.csv");
        BoxRecord[] boxes = [new("a.png", "Mass", 10.5, 20.25, 100.125, 0.1 + 0.7), new("b,c.png", "Hernia", 0, 0, 1, 1)];
        BoxesFile.Write(path, boxes);
        Assert.Equal(boxes, BoxesFile.Read(path, Labels));
    }

    [Fact]
    public void Dataset_folder_saves_and_loads_back()
    {
        using var temp = new TempDirectory();
        var info = new DatasetInfo { Name = "t", Labels = Labels.Names, Origin = "test", License = "CC0", CreatedBy = "xraysynth test", CreatedUtc = "2026-01-01T00:00:00Z" };
        var dataset = new Dataset(temp.File("ds"), info, Rows(), [new BoxRecord("00000013_005.png", "Effusion", 1, 2, 3, 4)]);
        dataset.Save();
        var loaded = Dataset.Load(temp.File("ds"));
        Assert.Equal(info, loaded.Info);
        Assert.Equal(dataset.Images, loaded.Images);
        Assert.Equal(dataset.Boxes, loaded.Boxes);
        Assert.Equal("/abs/path with spaces/a,b.png", loaded.FullPath(loaded.Images[1]));
        Assert.Equal(Path.GetFullPath(temp.File("nih/images/00000013_005.png")), loaded.FullPath(loaded.Images[0]));
    }

    [Theory]
    [InlineData("Effusion|Hernia", new[] { "Effusion", "Hernia" })]
    [InlineData("Hernia|Effusion", new[] { "Effusion", "Hernia" })]
    [InlineData("No Finding", new string[0])]
    [InlineData(" Pleural_Thickening ", new[] { "Pleural_Thickening" })]
    public void Finding_labels_parse_like_nih(string text, string[] expected)
    {
        Assert.True(Labels.TryParse(text, out var parsed, out string? problem), problem);
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("Hernia|Infiltrate", "unknown label 'Infiltrate'; did you mean 'Infiltration'?")]
    [InlineData("No Finding|Hernia", "'No Finding' combined with findings")]
    [InlineData("", "empty labels")]
    [InlineData("hernia", "unknown label 'hernia'; did you mean 'Hernia'?")]
    public void Bad_finding_labels_say_what_is_wrong(string text, string message)
    {
        Assert.False(Labels.TryParse(text, out _, out string? problem));
        Assert.Contains(message, problem);
    }

    [Fact]
    public void Every_bad_manifest_row_is_reported_with_its_line()
    {
        using var temp = new TempDirectory();
        string path = temp.File("manifest.csv");
        File.WriteAllText(path, string.Join('\n',
            "id,path,patient_id,split,source,labels,view_position,age,sex,width,height",
            "a,a.png,p1,train,real,No Finding,PA,40,M,64,64",
            "b,b.png,p2,trian,real,No Finding,PA,40,M,64,64",
            "c,c.png,p3,test,real,Hernia|Herina,PA,40,M,64,64",
            "d,d.png,p4,val,real,No Finding,PA,forty,M,64,64",
            "a,a2.png,p5,val,real,No Finding,PA,40,M,64,64",
            "e,e.png,p6,val,fake,No Finding,PA,40,M,-3,64") + "\n");
        var error = Assert.Throws<DataError>(() => ManifestFile.Read(path, Labels));
        var lines = error.Issues.Select(i => (i.Line, i.Message)).ToList();
        Assert.Contains(lines, l => l.Line == 3 && l.Message.Contains("split 'trian': expected train, val or test"));
        Assert.Contains(lines, l => l.Line == 4 && l.Message.Contains("unknown label 'Herina'"));
        Assert.Contains(lines, l => l.Line == 5 && l.Message.Contains("age 'forty'"));
        Assert.Contains(lines, l => l.Line == 6 && l.Message.Contains("duplicate id 'a' (first on line 2)"));
        Assert.Contains(lines, l => l.Line == 7 && l.Message.Contains("source 'fake'"));
        Assert.Contains(lines, l => l.Line == 7 && l.Message.Contains("width '-3'"));
        Assert.All(error.Issues, i => Assert.Equal(path, i.File));
    }

    [Fact]
    public void A_manifest_without_required_columns_names_them()
    {
        using var temp = new TempDirectory();
        string path = temp.File("manifest.csv");
        File.WriteAllText(path, "id,path,labels\na,a.png,No Finding\n");
        var issue = Assert.Single(Assert.Throws<DataError>(() => ManifestFile.Read(path, Labels)).Issues);
        Assert.Equal(1, issue.Line);
        Assert.Contains("missing column(s) 'patient_id', 'split', 'source'", issue.Message);
    }

    [Fact]
    public void An_empty_manifest_or_a_folder_without_dataset_json_is_a_clear_error()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("manifest.csv"), "");
        Assert.Contains("empty file", Assert.Throws<DataError>(() => ManifestFile.Read(temp.File("manifest.csv"), Labels)).Message);
        Assert.Contains("not a dataset folder", Assert.Throws<DataError>(() => Dataset.Load(temp.Path)).Message);
        File.WriteAllText(temp.File("dataset.json"), "{ \"name\": ");
        Assert.Contains("invalid dataset.json", Assert.Throws<DataError>(() => Dataset.Load(temp.Path)).Message);
    }

    [Fact]
    public void Bad_boxes_are_reported_with_their_lines()
    {
        using var temp = new TempDirectory();
        string path = temp.File("boxes.csv");
        File.WriteAllText(path, "image_id,label,x,y,w,h\na,Mass,1,2,3,4\nb,Mas,1,2,3,4\nc,Nodule,1,x,3,4\nd,Nodule,1,2,0,4\n");
        var issues = Assert.Throws<DataError>(() => BoxesFile.Read(path, Labels)).Issues;
        Assert.Equal([3, 4, 5], issues.Select(i => i.Line));
        Assert.Contains("did you mean 'Mass'", issues[0].Message);
    }
}
