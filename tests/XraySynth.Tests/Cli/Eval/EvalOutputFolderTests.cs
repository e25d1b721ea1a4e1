using XraySynth.Cli.Commands.Eval;
using XraySynth.Data;
using XraySynth.Tests.Evaluate.Synthetic;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Cli.Eval;

[Collection(GlobalRandomCollection.Name)]
public sealed class EvalOutputFolderTests
{
    [Fact]
    public void Default_output_folders_name_the_feature_space()
    {
        string pixels = EvalCommand.DefaultOut("quality", "generated/nih-rare", "pixels");
        string run = EvalCommand.DefaultOut("quality", "generated/nih-rare", "checkpoints/00001-classify-nih-densenet121-128/");
        Assert.Equal(Path.Combine("reports", "quality-nih-rare-pixels"), pixels);
        Assert.Equal(Path.Combine("reports", "quality-nih-rare-00001-classify-nih-densenet121-128"), run);
        Assert.Equal(Path.Combine("reports", "memorization-nih-rare-pixels-32"), EvalCommand.DefaultOut("memorization", "generated/nih-rare", "pixels-32"));
        Assert.Equal(Path.Combine("reports", "memorization-nih-rare-xrv"), EvalCommand.DefaultOut("memorization", "generated/nih-rare", "models/xrv.onnx"));
    }

    [Theory]
    [InlineData("synthetic")]
    [InlineData("memorization")]
    public void A_non_empty_out_is_refused_unless_forced(string audit)
    {
        using var temp = new TempDirectory();
        var real = PhantomSets.Real(temp.File("real"));
        PhantomSets.Synthetic(temp.File("synthetic"), real, real.Images.Where(i => i.Split == Split.Train && i.Labels.Count > 0));
        Directory.CreateDirectory(temp.File("out"));
        File.WriteAllText(temp.File("out/quality.json"), "earlier results");
        string[] tuning = audit == "synthetic" ? ["--kid-subsets", "2", "--kid-subset-size", "20"] : ["--pixel-size", "16"];
        string[] args = ["eval", audit, "--real", temp.File("real"), "--synthetic", temp.File("synthetic"), "--features", "pixels-16", "--out", temp.File("out"),
            .. tuning, "--device", "cpu"];

        var (code, _, error) = CliHarness.Run(args);
        Assert.NotEqual(0, code);
        Assert.Contains($"--out {temp.File("out")} is not empty (use --force", error);
        Assert.Equal("earlier results", File.ReadAllText(temp.File("out/quality.json")));

        (code, var output, error) = CliHarness.Run([.. args, "--force"]);
        Assert.True(code == 0, error + output);
    }
}
