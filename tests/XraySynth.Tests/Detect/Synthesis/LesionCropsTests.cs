using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Images;
using XraySynth.Data.Phantom;
using XraySynth.Detect.Boxes;
using XraySynth.Detect.Synthesis;
using XraySynth.Detect.Training;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Detect.Synthesis;

public sealed class LesionCropsTests
{
    [Fact]
    public void A_crop_is_the_box_plus_its_margin_resampled_and_the_lesion_fills_the_central_square()
    {
        var image = new GrayImage(40, 40);
        for (int y = 0; y < 40; y++)
            for (int x = 0; x < 40; x++) image[x, y] = (byte)(x + 4 * y);
        // Box 10 × 10 at (10, 10), margin 0.5: the region 5..25 in both axes, 20 px onto 20 px = the pixels themselves.
        var crop = LesionCrops.Crop(image, new BoxRecord("i", "Mass", 10, 10, 10, 10), 0.5, 20);
        for (int v = 0; v < 20; v++)
            for (int u = 0; u < 20; u++) Assert.Equal(image[5 + u, 5 + v], crop[u, v]);
        // Onto 10 px every crop pixel is the mean of a 2 × 2 block's centre: bilinear halfway between pixels.
        var half = LesionCrops.Crop(image, new BoxRecord("i", "Mass", 10, 10, 10, 10), 0.5, 10);
        Assert.Equal((image[5, 5] + image[6, 5] + image[5, 6] + image[6, 6]) / 4.0, half[0, 0], 0);
        // The lesion's place in a crop of any size: the central square of side size / (1 + 2 · margin).
        Assert.Equal(new Box(5, 5, 15, 15), new LesionCropGeometry(20, 0.5, ["Mass"], "x").LesionIn(20));
    }

    [Fact]
    public void The_crops_dataset_has_one_train_crop_per_real_training_box_labelled_with_its_class()
    {
        using var temp = new TempDirectory();
        var real = PhantomGenerator.Generate(new PhantomConfig { Count = 120, Size = 64, Seed = 3, TrainFraction = 0.6, ValFraction = 0.2 }, temp.File("real"), "test", force: false, NullReporter.Instance);
        var crops = LesionCrops.Write(real, new LesionCropConfig { Size = 16, Margin = 0.3 }, temp.File("crops"), "test", NullReporter.Instance);
        var train = real.Images.Where(i => i.Split == Split.Train).Select(i => i.Id).ToHashSet();
        var trainBoxes = real.Boxes.Where(b => train.Contains(b.ImageId)).ToList();
        Assert.True(real.Boxes.Count > trainBoxes.Count, "the phantom should also have val/test boxes, which must not be cropped");
        Assert.Equal(trainBoxes.Count, crops.Images.Count);
        Assert.Equal(DetectionSamples.BoxedLabels(real), crops.Vocabulary.Names);
        Assert.All(crops.Images, i => { Assert.Equal(Split.Train, i.Split); Assert.Single(i.Labels); Assert.Equal((16, 16), (i.Width, i.Height)); });
        Assert.Equal(trainBoxes.GroupBy(b => b.Label).ToDictionary(g => g.Key, g => g.Count()),
            crops.Images.GroupBy(i => i.Labels[0]).ToDictionary(g => g.Key, g => g.Count()));
        var geometry = LesionCrops.ReadGeometry(temp.File("crops"));
        Assert.Equal((16, 0.3), (geometry.Size, geometry.Margin));
        Assert.Equal(16, ImageCodec.Decode(Dataset.Load(temp.File("crops")).FullPath(crops.Images[0])).Width);

        Assert.Contains("Hernia", Assert.Throws<UserError>(() => LesionCrops.Write(real, new LesionCropConfig { Classes = ["Hernia2"] }, temp.File("c2"), "test", NullReporter.Instance)).Message);
        Assert.Contains("not empty", Assert.Throws<UserError>(() => LesionCrops.Write(real, new LesionCropConfig(), temp.File("crops"), "test", NullReporter.Instance)).Message);
        Assert.Contains("not a lesion-crops dataset", Assert.Throws<UserError>(() => LesionCrops.ReadGeometry(temp.File("real"))).Message);
    }
}
