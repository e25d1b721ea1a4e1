using XraySynth.Data;
using XraySynth.Data.Loading;
using XraySynth.Data.Loading.Augmentations;

namespace XraySynth.Tests.Data.Loading;

public sealed class BatchLoaderTests(LoaderFixture fixture) : IClassFixture<LoaderFixture>
{
    BatchLoader Loader(ISampler sampler, bool dropLast = false, IAugmentation? augmentation = null, int workers = 1) =>
        new(fixture.Cache, sampler, new LoaderOptions { BatchSize = 5, DropLast = dropLast, Prefetch = 2, Workers = workers, Seed = 4 }, augmentation);

    [Fact]
    public void Every_row_of_the_subset_appears_once_per_epoch_with_a_partial_last_batch()
    {
        int[] train = RowSubset.OfSplit(fixture.Dataset, Split.Train);
        var loader = Loader(new ShuffleSampler(train, seed: 1));
        var batches = loader.Epoch(0).ToList();
        Assert.Equal(loader.BatchesPerEpoch, batches.Count);
        Assert.Equal(train, batches.SelectMany(b => b.Rows).Order());
        Assert.Equal(Enumerable.Range(0, batches.Count), batches.Select(b => b.Index));
        Assert.All(batches[..^1], b => Assert.Equal(5, b.Count));
        Assert.Equal(train.Length % 5 == 0 ? 5 : train.Length % 5, batches[^1].Count);
    }

    [Fact]
    public void Drop_last_drops_the_partial_batch()
    {
        var all = RowSubset.All(fixture.Dataset); // 23 rows: 4 full batches of 5
        var batches = Loader(new ShuffleSampler(all, seed: 1), dropLast: true).Epoch(0).ToList();
        Assert.Equal(4, batches.Count);
        Assert.All(batches, b => Assert.Equal(5, b.Count));
        Assert.Equal(20, batches.SelectMany(b => b.Rows).Distinct().Count());
    }

    [Fact]
    public void Order_repeats_for_the_same_seed_and_epoch_and_changes_between_epochs()
    {
        var all = RowSubset.All(fixture.Dataset);
        var loader = Loader(new ShuffleSampler(all, seed: 1));
        int[] Rows(BatchLoader l, int epoch) => l.Epoch(epoch).SelectMany(b => b.Rows).ToArray();
        Assert.Equal(Rows(loader, 3), Rows(Loader(new ShuffleSampler(all, seed: 1)), 3));
        Assert.NotEqual(Rows(loader, 0), Rows(loader, 1));
    }

    [Fact]
    public void Batches_carry_the_cached_pixels_and_the_manifest_labels()
    {
        var loader = Loader(new ShuffleSampler(RowSubset.All(fixture.Dataset), seed: 2));
        Assert.Equal(TinyLabels, loader.LabelNames);
        foreach (var batch in loader.Epoch(0))
            for (int i = 0; i < batch.Count; i++)
            {
                int row = batch.Rows[i];
                Assert.Equal(fixture.Cache.Image(row).ToArray(), batch.Image(i).ToArray());
                var expected = fixture.Dataset.Vocabulary.MultiHot(fixture.Dataset.Images[row].Labels);
                Assert.Equal(expected, batch.Labels.AsSpan(i * batch.LabelCount, batch.LabelCount).ToArray());
            }
    }

    static readonly string[] TinyLabels = Cache.TinyDataset.Labels;

    [Fact]
    public void Label_subsets_select_only_rows_with_the_label()
    {
        int[] beta = RowSubset.WithLabel(fixture.Dataset, "Beta");
        Assert.NotEmpty(beta);
        Assert.All(beta, r => Assert.True(fixture.Dataset.Images[r].Has("Beta")));
        var error = Assert.Throws<XraySynth.Common.UserError>(() => RowSubset.WithLabel(fixture.Dataset, "Betta"));
        Assert.Contains("did you mean 'Beta'", error.Message);
    }

    [Fact]
    public void Augmented_batches_are_identical_for_the_same_seed_whatever_the_thread_count()
    {
        var augmentation = new AugmentationPipeline([new RandomResizedCrop(0.5, 1, 0.8, 1.25), new RandomRotation(10), new BrightnessContrastJitter(0.1, 0.2)]);
        var all = RowSubset.All(fixture.Dataset);
        byte[] Pixels(int workers) => Loader(new ShuffleSampler(all, seed: 1), augmentation: augmentation, workers: workers)
            .Epoch(2).SelectMany(b => b.Pixels).ToArray();
        byte[] one = Pixels(1);
        Assert.Equal(one, Pixels(2));
        byte[] plain = Loader(new ShuffleSampler(all, seed: 1)).Epoch(2).SelectMany(b => b.Pixels).ToArray();
        Assert.NotEqual(plain, one);
    }

    [Fact]
    public void Stopping_early_stops_the_producer_and_a_failure_reaches_the_consumer()
    {
        var loader = Loader(new ShuffleSampler(RowSubset.All(fixture.Dataset), seed: 1));
        Assert.Single(loader.Epoch(0).Take(1));

        var failing = Loader(new ShuffleSampler(RowSubset.All(fixture.Dataset), seed: 1), augmentation: new Failing());
        var error = Assert.Throws<InvalidOperationException>(() => failing.Epoch(0).ToList());
        Assert.Equal("augmentation failed", error.Message);
    }

    [Fact]
    public void Weighted_sampling_feeds_repeated_rows()
    {
        int[] rows = [0, 1];
        var loader = Loader(new WeightedSampler(rows, [1, 1], seed: 5, epochLength: 12));
        var batches = loader.Epoch(0).ToList();
        Assert.Equal(3, batches.Count);
        Assert.Equal(12, batches.Sum(b => b.Count));
        Assert.All(batches.SelectMany(b => b.Rows), r => Assert.Contains(r, rows));
    }

    sealed class Failing : IAugmentation
    {
        public void Apply(Span<byte> pixels, int size, Random random) => throw new InvalidOperationException("augmentation failed");
    }
}
