using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Images;
using XraySynth.Detect.Boxes;
using XraySynth.Detect.Synthesis;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Detect.Synthesis;

public sealed class LesionPatchBlenderTests
{
    static GrayImage Uniform(int w, int h, byte value)
    {
        var image = new GrayImage(w, h);
        Array.Fill(image.Pixels, value);
        return image;
    }

    /// <summary>Bounding box of the pixels at or above <paramref name="threshold"/>.</summary>
    static Box Bright(GrayImage image, int threshold)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                if (image[x, y] >= threshold) { x0 = Math.Min(x0, x); y0 = Math.Min(y0, y); x1 = Math.Max(x1, x); y1 = Math.Max(y1, y); }
        return x1 < 0 ? default : new Box(x0, y0, x1 + 1, y1 + 1);
    }

    static LesionPatch SquarePatch()
    {
        // 20 × 20 patch of background 100 with a 10 × 10 lesion of 220 at (5, 5).
        var pixels = Uniform(20, 20, 100);
        for (int y = 5; y < 15; y++)
            for (int x = 5; x < 15; x++) pixels[x, y] = 220;
        return new LesionPatch(pixels, new Box(5, 5, 15, 15));
    }

    [Fact]
    public void The_emitted_box_sits_on_the_pasted_lesion_after_resizing_and_brightness_matching()
    {
        var image = Uniform(128, 96, 60);
        var target = new Box(40, 30, 64, 42); // 24 × 12: the 10 × 10 lesion is stretched
        var emitted = PatchBlending.Paste(image, SquarePatch(), target);
        Assert.Equal(target, emitted);
        // The context (100) is matched to the image (60), so only the lesion (≈ 180 after matching) stands out.
        var lesion = Bright(image, 120);
        Assert.True(Box.Iou(lesion, emitted) > 0.85, $"bright region {lesion} vs emitted {emitted}");
        Assert.InRange(image[52, 36], 170, 190);
        Assert.Equal(60, image[5, 5]);              // far away: untouched
        Assert.InRange(image[40 - 6, 36], 55, 65);  // in the feathered context: background level
    }

    [Fact]
    public void A_box_near_the_edge_is_clipped_to_the_image()
    {
        var image = Uniform(64, 64, 60);
        var emitted = PatchBlending.Paste(image, SquarePatch(), new Box(56, 10, 70, 20));
        Assert.Equal(new Box(56, 10, 64, 20), emitted);
    }

    [Fact]
    public void Blender_adds_synthetic_train_images_whose_boxes_cover_the_pasted_lesions_and_keeps_val_and_test()
    {
        using var temp = new TempDirectory();
        string data = temp.File("data");
        Directory.CreateDirectory(Path.Combine(data, "images"));
        var images = new List<ImageRecord>();
        void Add(string id, string patient, Split split, GrayImage pixels, params string[] labels)
        {
            ImageCodec.WritePng(pixels, Path.Combine(data, "images", id));
            images.Add(new ImageRecord { Id = id, Path = "images/" + id, PatientId = patient, Split = split, Labels = labels, Width = pixels.Width, Height = pixels.Height });
        }
        var donor = Uniform(100, 100, 90);
        for (int y = 40; y < 50; y++)
            for (int x = 30; x < 42; x++) donor[x, y] = 230;
        Add("donor.png", "p1", Split.Train, donor, "Nodule");
        Add("clear-a.png", "p2", Split.Train, Uniform(100, 100, 50));
        Add("clear-b.png", "p3", Split.Train, Uniform(100, 100, 70));
        Add("val.png", "p4", Split.Val, Uniform(100, 100, 70));
        var real = new Dataset(data, new DatasetInfo { Name = "tiny", Labels = ["Nodule"] }, images, [new BoxRecord("donor.png", "Nodule", 30, 40, 12, 10)]);
        real.Save();

        var result = LesionPatchBlender.Apply(Dataset.Load(data), new RealCropPatches(Dataset.Load(data)), new BlendConfig { PerClass = 4 },
            temp.File("out"), seed: 3, "test", NullReporter.Instance);

        var written = Dataset.Load(temp.File("out"));
        Assert.Equal(8, written.Images.Count);
        Assert.Equal(4, result.AddedPerClass["Nodule"]);
        var synthetic = written.Images.Where(i => i.Source == ImageSource.Synthetic).ToArray();
        Assert.All(synthetic, i => { Assert.Equal(Split.Train, i.Split); Assert.Equal(["Nodule"], i.Labels); });
        Assert.Equal(images.Where(i => i.Split != Split.Train), written.Images.Where(i => i.Split != Split.Train).Select(i => i with { Path = "images/" + i.Id }));
        foreach (var image in synthetic)
        {
            var box = written.Boxes.Single(b => b.ImageId == image.Id);
            var pixels = ImageCodec.Decode(written.FullPath(image));
            int background = pixels[0, 0];
            var lesion = Bright(pixels, background + 60);
            var emitted = Box.FromXywh(box.X, box.Y, box.W, box.H);
            Assert.True(Box.Iou(lesion, emitted) > 0.7, $"{image.Id}: bright region {lesion} vs emitted {emitted}");
        }
        Assert.Throws<UserError>(() => LesionPatchBlender.Apply(real, new RealCropPatches(real), new BlendConfig(), temp.File("out"), 3, "test", NullReporter.Instance));
    }
}
