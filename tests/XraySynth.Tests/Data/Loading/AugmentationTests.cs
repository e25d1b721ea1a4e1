using XraySynth.Data.Loading.Augmentations;
using XraySynth.Tests.Data.Cache;

namespace XraySynth.Tests.Data.Loading;

public sealed class AugmentationTests
{
    const int Size = 24;

    static byte[] Apply(IAugmentation augmentation, byte[] image, int seed)
    {
        byte[] copy = (byte[])image.Clone();
        augmentation.Apply(copy, Size, new Random(seed));
        return copy;
    }

    static byte[] Textured() => TinyDataset.Pattern(Size, Size, 5).Pixels;

    public static TheoryData<string> Names => ["crop", "rotation", "jitter", "flip", "pipeline"];

    static IAugmentation Make(string name) => name switch
    {
        "crop" => new RandomResizedCrop(0.3, 0.9, 0.75, 1.33),
        "rotation" => new RandomRotation(15),
        "jitter" => new BrightnessContrastJitter(0.2, 0.3),
        "flip" => new HorizontalFlip(1),
        _ => new AugmentationPipeline([new RandomResizedCrop(), new RandomRotation(), new BrightnessContrastJitter()]),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_augmentation_is_deterministic_for_a_seed_and_changes_the_image(string name)
    {
        var augmentation = Make(name);
        byte[] image = Textured();
        Assert.Equal(Apply(augmentation, image, 42), Apply(augmentation, image, 42));
        Assert.NotEqual(image, Apply(augmentation, image, 42));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Different_seeds_give_different_results_for_random_ones(string name)
    {
        if (name == "flip") return; // always mirrors at probability 1
        var augmentation = Make(name);
        byte[] image = Textured();
        Assert.NotEqual(Apply(augmentation, image, 1), Apply(augmentation, image, 2));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Contrast_jitter_without_brightness_leaves_a_constant_image_constant(double contrast)
    {
        byte[] flat = Enumerable.Repeat((byte)90, Size * Size).ToArray();
        for (int seed = 0; seed < 20; seed++)
            Assert.Equal(flat, Apply(new BrightnessContrastJitter(0, contrast), flat, seed));
    }

    [Fact]
    public void Geometric_augmentations_leave_a_constant_image_constant()
    {
        byte[] flat = Enumerable.Repeat((byte)90, Size * Size).ToArray();
        Assert.Equal(flat, Apply(new RandomRotation(30), flat, 3));
        Assert.Equal(flat, Apply(new RandomResizedCrop(0.2, 1, 0.5, 2), flat, 3));
    }

    [Fact]
    public void Full_scale_square_crop_and_zero_rotation_are_the_identity()
    {
        byte[] image = Textured();
        Assert.Equal(image, Apply(new RandomResizedCrop(1, 1, 1, 1), image, 7));
        Assert.Equal(image, Apply(new RandomRotation(0), image, 7));
        Assert.Equal(image, Apply(new BrightnessContrastJitter(0, 0), image, 7));
    }

    [Fact]
    public void Crop_rectangles_respect_the_scale_and_ratio_ranges()
    {
        var crop = new RandomResizedCrop(0.4, 0.6, 0.8, 1.25);
        var random = new Random(0);
        for (int i = 0; i < 200; i++)
        {
            var (left, top, width, height) = crop.ChooseRectangle(100, random);
            Assert.InRange(width * height / 10000, 0.4 - 1e-9, 0.6 + 1e-9);
            Assert.InRange(width / height, 0.8 - 1e-9, 1.25 + 1e-9);
            Assert.True(left >= 0 && top >= 0 && left + width <= 100 + 1e-9 && top + height <= 100 + 1e-9);
        }
    }

    [Fact]
    public void A_positive_angle_at_the_maximum_turns_the_image_clockwise_on_screen()
    {
        var image = new byte[Size * Size];
        image[2 * Size + 20] = 255; // x 20, y 2: top right
        new RandomRotation(90).Apply(image, Size, new AlwaysOne()); // draws exactly +90 degrees
        int max = Array.IndexOf(image, image.Max());
        Assert.Equal((21, 20), (max % Size, max / Size)); // bottom right, about the center (11.5, 11.5)
    }

    [Fact]
    public void The_default_config_builds_no_augmentation_and_flip_is_opt_in()
    {
        Assert.Null(new AugmentationConfig().Build());
        var pipeline = Assert.IsType<AugmentationPipeline>(new AugmentationConfig { CropScaleMin = 0.8, RotationDegrees = 5, Brightness = 0.1 }.Build());
        Assert.Equal([typeof(RandomResizedCrop), typeof(RandomRotation), typeof(BrightnessContrastJitter)], pipeline.Steps.Select(s => s.GetType()));
    }

    sealed class AlwaysOne : Random
    {
        public override double NextDouble() => 1.0;
    }
}
