using XraySynth.Data.Images;
using XraySynth.Data.Stats;
using XraySynth.Tests.Data.Checks;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Data.Stats;

public sealed class DatasetStatsTests
{
    [Fact]
    public void Counts_patients_sources_and_positives_per_split_as_counted_by_hand()
    {
        using var temp = new TempDirectory();
        var stats = DatasetStats.Compute(TinyDataset.Write(temp.Path));

        var train = stats.Splits[0];
        Assert.Equal(("train", 4, 3, 3, 1, 1), (train.Name, train.Images, train.Patients, train.Real, train.Synthetic, train.NoFinding));
        Assert.Equal([2, 1, 1], train.Positives);
        Assert.Equal(0.5, train.Prevalence(0));
        Assert.Equal(2.0, train.ImbalanceRatio);

        var val = stats.Splits[1];
        Assert.Equal((1, 1), (val.Images, val.Patients));
        Assert.Equal([0, 1, 1], val.Positives);
        Assert.Equal(1.0, val.ImbalanceRatio);

        Assert.Equal([1, 0, 0], stats.Splits[2].Positives);
        Assert.Equal((6, 5, 5, 1), (stats.Overall.Images, stats.Overall.Patients, stats.Overall.Real, stats.Overall.Synthetic));
        Assert.Equal([3, 2, 2], stats.Overall.Positives);
        Assert.Equal(1.5, stats.Overall.ImbalanceRatio);
    }

    [Fact]
    public void Cooccurrence_counts_images_with_both_labels_and_holds_label_counts_on_the_diagonal()
    {
        using var temp = new TempDirectory();
        var stats = DatasetStats.Compute(TinyDataset.Write(temp.Path));
        int[,] expected = { { 3, 1, 0 }, { 1, 2, 1 }, { 0, 1, 2 } };
        Assert.Equal(expected, stats.Cooccurrence);
    }

    [Fact]
    public void Empty_split_has_nan_prevalence_and_imbalance_ratio()
    {
        using var temp = new TempDirectory();
        var images = TinyDataset.Images.Where(i => i.Split != XraySynth.Data.Split.Test).ToList();
        var stats = DatasetStats.Compute(TinyDataset.Write(temp.Path, images));
        Assert.True(double.IsNaN(stats.Splits[2].Prevalence(0)));
        Assert.True(double.IsNaN(stats.Splits[2].ImbalanceRatio));
    }

    [Fact]
    public void Report_writes_csv_files_with_the_counts_and_decodable_figures_of_the_documented_size()
    {
        using var temp = new TempDirectory();
        var dataset = TinyDataset.Write(temp.File("data"));
        var (_, files) = StatsReport.Write(dataset, temp.File("out"));

        string[] counts = File.ReadAllLines(temp.File("out/label_counts.csv"));
        Assert.Equal("label,split,positives,images,prevalence", counts[0]);
        Assert.Contains("A,train,2,4,0.5", counts);
        Assert.Contains("A,all,3,6,0.5", counts);
        Assert.Contains("C,test,0,1,0", counts);
        Assert.Equal(1 + 3 * 4, counts.Length);

        Assert.Equal(["label,A,B,C", "A,3,1,0", "B,1,2,1", "C,0,1,2"], File.ReadAllLines(temp.File("out/cooccurrence.csv")));

        string[] splits = File.ReadAllLines(temp.File("out/splits.csv"));
        Assert.Equal("split,images,patients,real,synthetic,no_finding,imbalance_ratio", splits[0]);
        Assert.Equal("train,4,3,3,1,1,2", splits[1]);

        Assert.Equal(5, files.Count);
        Assert.Equal((StatsFigures.Width, StatsFigures.Height), ImageCodec.ReadSize(temp.File("out/prevalence.png")));
        Assert.Equal((StatsFigures.Width + 100, StatsFigures.Height + 100), ImageCodec.ReadSize(temp.File("out/cooccurrence.png")));
    }
}
