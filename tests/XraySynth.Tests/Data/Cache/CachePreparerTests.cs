using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Cache;
using XraySynth.Data.Images;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Data.Cache;

public sealed class CachePreparerTests
{
    static PrepareResult Prepare(Dataset dataset, int size, bool force = false, int workers = 2) =>
        CachePreparer.Prepare(dataset, new PrepareConfig { Size = size, Workers = workers, Force = force }, NullReporter.Instance);

    [Fact]
    public void Cached_pixels_equal_the_area_resize_of_each_decoded_file_in_manifest_order()
    {
        using var dir = new TempDirectory();
        var dataset = TinyDataset.Create(dir.Path);
        var result = Prepare(dataset, 32);
        Assert.True(result.Rebuilt);
        using var cache = PreparedCache.Open(dataset, 32);
        Assert.Equal(10, cache.Count);
        Assert.Equal(10 * 32 * 32, new FileInfo(cache.Folder.ImagesPath).Length);
        for (int row = 0; row < dataset.Images.Count; row++)
        {
            var expected = AreaResize.Resize(ImageCodec.Decode(dataset.FullPath(dataset.Images[row])), 32, 32);
            Assert.Equal(expected.Pixels, cache.Image(row).ToArray());
            Assert.Equal(row, cache.RowOf(dataset.Images[row].Id));
        }
        Assert.Equal(-1, cache.RowOf("nope.png"));
    }

    [Fact]
    public void Cache_json_records_format_size_count_and_manifest_hash()
    {
        using var dir = new TempDirectory();
        var dataset = TinyDataset.Create(dir.Path, count: 3);
        Prepare(dataset, 16);
        var info = CacheInfo.TryRead(CacheFolder.For(dataset, 16).InfoPath)!;
        Assert.Equal(CacheInfo.CurrentFormatVersion, info.FormatVersion);
        Assert.Equal(16, info.Size);
        Assert.Equal(3, info.Count);
        Assert.Equal(CacheFolder.ManifestHash(dataset), info.ManifestSha256);
        Assert.Matches("^[0-9a-f]{64}$", info.ManifestSha256);
    }

    [Fact]
    public void An_unchanged_cache_is_reused_and_force_rebuilds_it()
    {
        using var dir = new TempDirectory();
        var dataset = TinyDataset.Create(dir.Path, count: 4);
        Prepare(dataset, 16);
        var folder = CacheFolder.For(dataset, 16);
        var past = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(folder.ImagesPath, past);

        var again = Prepare(dataset, 16);
        Assert.False(again.Rebuilt);
        Assert.Equal(past, File.GetLastWriteTimeUtc(folder.ImagesPath));

        var forced = Prepare(dataset, 16, force: true);
        Assert.True(forced.Rebuilt);
        Assert.NotEqual(past, File.GetLastWriteTimeUtc(folder.ImagesPath));
    }

    [Fact]
    public void A_changed_manifest_makes_readers_refuse_and_prepare_rebuild()
    {
        using var dir = new TempDirectory();
        var dataset = TinyDataset.Create(dir.Path, count: 4);
        Prepare(dataset, 16);
        var changed = dataset.With(images: dataset.Images.Select((r, i) => i == 0 ? r with { Labels = ["Gamma"] } : r).ToList());
        changed.Save();

        var error = Assert.Throws<UserError>(() => PreparedCache.Open(changed, 16));
        Assert.Contains("manifest.csv changed", error.Message);
        Assert.Contains("xraysynth data prepare", error.Message);

        Assert.True(Prepare(changed, 16).Rebuilt);
        using var cache = PreparedCache.Open(changed, 16);
        Assert.Equal(4, cache.Count);
    }

    [Fact]
    public void Another_size_is_built_in_its_own_folder_and_an_unprepared_size_is_refused()
    {
        using var dir = new TempDirectory();
        var dataset = TinyDataset.Create(dir.Path, count: 3);
        Prepare(dataset, 16);
        Assert.True(Prepare(dataset, 32).Rebuilt);
        Assert.True(File.Exists(Path.Combine(dir.Path, "cache", "16", "images.u8")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "cache", "32", "images.u8")));
        var error = Assert.Throws<UserError>(() => PreparedCache.Open(dataset, 8));
        Assert.Contains("--size 8", error.Message);
    }

    [Fact]
    public void Every_bad_image_is_reported_with_its_manifest_line_and_no_cache_is_left()
    {
        using var dir = new TempDirectory();
        var dataset = TinyDataset.Create(dir.Path, count: 6);
        byte[] png = File.ReadAllBytes(dataset.FullPath(dataset.Images[2]));
        File.WriteAllBytes(dataset.FullPath(dataset.Images[2]), png.AsSpan(0, png.Length / 3).ToArray());
        File.WriteAllText(dataset.FullPath(dataset.Images[4]), "not an image");
        File.Delete(dataset.FullPath(dataset.Images[5]));

        var error = Assert.Throws<DataError>(() => Prepare(dataset, 16));
        Assert.Equal(3, error.Issues.Count);
        Assert.Equal([4, 6, 7], error.Issues.Select(i => i.Line));
        Assert.Contains("img002.png", error.Message);
        Assert.Contains("img004.png", error.Message);
        Assert.Contains("img005.png", error.Message);
        Assert.All(error.Issues, i => Assert.EndsWith("manifest.csv", i.File));
        var folder = CacheFolder.For(dataset, 16);
        Assert.False(File.Exists(folder.InfoPath));
        Assert.False(File.Exists(folder.ImagesPath));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void Non_square_images_are_centered_on_black()
    {
        using var dir = new TempDirectory();
        var dataset = TinyDataset.Create(dir.Path, count: 1);
        var wide = new GrayImage(64, 32, Enumerable.Repeat((byte)200, 64 * 32).ToArray());
        ImageCodec.WritePng(wide, dataset.FullPath(dataset.Images[0]));
        Prepare(dataset, 16);
        using var cache = PreparedCache.Open(dataset, 16);
        var image = cache.ToImage(0);
        for (int x = 0; x < 16; x++)
        {
            for (int y = 0; y < 4; y++) Assert.Equal(0, image[x, y]);
            for (int y = 4; y < 12; y++) Assert.Equal(200, image[x, y]);
            for (int y = 12; y < 16; y++) Assert.Equal(0, image[x, y]);
        }
    }

    [Fact]
    public void Gather_copies_rows_one_after_another()
    {
        using var dir = new TempDirectory();
        var dataset = TinyDataset.Create(dir.Path, count: 5);
        Prepare(dataset, 8);
        using var cache = PreparedCache.Open(dataset, 8);
        var buffer = new byte[3 * 64];
        cache.Gather([4, 0, 4], buffer);
        Assert.Equal(cache.Image(4).ToArray(), buffer[..64]);
        Assert.Equal(cache.Image(0).ToArray(), buffer[64..128]);
        Assert.Equal(cache.Image(4).ToArray(), buffer[128..]);
    }

    [Fact]
    public void A_size_out_of_range_is_a_user_error()
    {
        using var dir = new TempDirectory();
        var dataset = TinyDataset.Create(dir.Path, count: 1);
        var error = Assert.Throws<UserError>(() => Prepare(dataset, 3));
        Assert.Contains("--size", error.Message);
    }
}
