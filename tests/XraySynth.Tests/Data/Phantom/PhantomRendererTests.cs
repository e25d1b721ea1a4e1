using XraySynth.Data.Phantom;

namespace XraySynth.Tests.Data.Phantom;

public sealed class PhantomRendererTests
{
    public static TheoryData<PhantomFinding> Findings() => new(PhantomFindings.All);

    [Theory]
    [MemberData(nameof(Findings))]
    public void A_lesion_changes_the_pixels_inside_its_box_more_than_outside(PhantomFinding finding)
    {
        var config = new PhantomConfig { Count = 1, Size = 128, Seed = 3 };
        var plain = PhantomPlanner.Plan(config)[0] with { Findings = [] };
        var builder = new PhantomSceneBuilder(config);
        var without = PhantomRenderer.Render(builder.Build(plain));
        var with = PhantomRenderer.Render(builder.Build(plain with { Findings = [finding] }));

        Assert.Empty(without.Boxes);
        var box = Assert.Single(with.Boxes);
        Assert.Equal(finding, box.Finding);
        Assert.InRange(box.X, 0, 127);
        Assert.InRange(box.X + box.W, 1, 128);
        Assert.InRange(box.Y + box.H, 1, 128);

        double inside = 0, outside = 0;
        int nInside = 0, nOutside = 0;
        for (int y = 0; y < 128; y++)
            for (int x = 0; x < 128; x++)
            {
                int diff = Math.Abs(with.Image[x, y] - without.Image[x, y]);
                bool inBox = x >= box.X && x < box.X + box.W && y >= box.Y && y < box.Y + box.H;
                if (inBox) { inside += diff; nInside++; } else { outside += diff; nOutside++; }
            }
        inside /= nInside;
        outside /= nOutside;
        Assert.True(inside >= 2, $"{finding}: mean change inside its box is only {inside:0.00} gray levels");
        Assert.True(inside > 5 * outside, $"{finding}: change inside {inside:0.00} vs outside {outside:0.00}");
    }

    [Fact]
    public void Same_scene_renders_identically_and_noise_differs_between_images()
    {
        var config = new PhantomConfig { Count = 2, Size = 64, Seed = 1, MaxFollowUps = 1 };
        var plan = PhantomPlanner.Plan(config);
        var builder = new PhantomSceneBuilder(config);
        Assert.Equal(PhantomRenderer.Render(builder.Build(plan[0])).Image.Pixels, PhantomRenderer.Render(builder.Build(plan[0])).Image.Pixels);
        Assert.NotEqual(PhantomRenderer.Render(builder.Build(plan[0])).Image.Pixels, PhantomRenderer.Render(builder.Build(plan[1])).Image.Pixels);
    }

    [Fact]
    public void Image_looks_like_a_chest_dark_lungs_beside_a_bright_mediastinum()
    {
        var config = new PhantomConfig { Count = 1, Size = 64, Seed = 8, PoseJitter = 0 };
        var image = PhantomRenderer.Render(new PhantomSceneBuilder(config).Build(PhantomPlanner.Plan(config)[0] with { Findings = [] })).Image;
        double Mean(int x0, int y0, int w, int h)
        {
            double sum = 0;
            for (int y = y0; y < y0 + h; y++) for (int x = x0; x < x0 + w; x++) sum += image[x, y];
            return sum / (w * h);
        }
        double rightLung = Mean(12, 22, 6, 8), leftLung = Mean(46, 22, 6, 8), mediastinum = Mean(30, 22, 4, 8), air = Mean(0, 0, 3, 3);
        Assert.True(mediastinum > rightLung + 40 && mediastinum > leftLung + 40, $"mediastinum {mediastinum:0} vs lungs {rightLung:0}, {leftLung:0}");
        Assert.True(air < rightLung, $"air {air:0} vs lung {rightLung:0}");
    }
}
