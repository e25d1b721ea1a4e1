using System.CommandLine;
using XraySynth.Cli.Commands.Classify;
using XraySynth.Common;
using XraySynth.Experiments.Benchmarks;
using XraySynth.Gan;

namespace XraySynth.Cli.Commands;

/// <summary>
/// <c>xraysynth bench gan</c> and <c>xraysynth bench classify</c>: GAN and classifier training throughput as one
/// JSON line (compare with bench/reference/*.py).
/// </summary>
public static class BenchCommand
{
    /// <summary>Builds the <c>bench</c> command and its subcommands.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var bench = new Command("bench", "Speed benchmarks; each prints one JSON line (see bench/README.md)");
        bench.Subcommands.Add(CreateGan(console, global));
        bench.Subcommands.Add(CreateClassify(console, global));
        return bench;
    }

    static Command CreateGan(CliConsole console, GlobalOptions global)
    {
        var defaults = new GanBenchmarkOptions();
        var compute = new ComputeOptions();
        var model = new Option<string?>("--model") { Description = "pggan or dcgan [default: pggan]" };
        var resolution = new Option<int?>("--resolution") { Description = $"pixels; PGGAN trains stable at it (alpha 1) [default: {defaults.Resolution}]" };
        var batch = new Option<int?>("--batch") { Description = $"real images per step [default: {defaults.Batch}]" };
        var steps = new Option<int?>("--steps") { Description = $"timed steps per repeat [default: {defaults.Steps}]" };
        var warmup = new Option<int?>("--warmup") { Description = $"untimed steps first [default: {defaults.Warmup}]" };
        var repeats = new Option<int?>("--repeats") { Description = $"timed windows, median reported [default: {defaults.Repeats}]" };
        var labels = new Option<int?>("--labels") { Description = $"labels conditioned on [default: {defaults.Labels}]" };
        var bf16 = new Option<bool>("--bf16") { Description = "bfloat16 activations on fp32 master weights (PGGAN only)" };
        var channelsLast = new Option<bool>("--channels-last") { Description = "channels-last (NHWC) conv weights and batches" };
        var foreachAdam = new Option<bool>("--foreach-adam") { Description = "multi-tensor Adam through TorchScript instead of TorchSharp's Adam" };
        var hostDraws = new Option<bool>("--host-draws") { Description = "draw latents on the host and copy them each step, as the trainer does" };
        var deterministic = new Option<bool>("--deterministic") { Description = "keep deterministic algorithms on (off by default here, as in PyTorch)" };
        var noAutotune = new Option<bool>("--no-cudnn-benchmark") { Description = "switch cuDNN autotuning off (on by default, as in the PyTorch reference)" };
        var command = new Command("gan", "Time GAN training steps (D update, G update, moving average) on random batches; prints one JSON line");
        compute.AddTo(command);
        foreach (Option option in new Option[] { model, resolution, batch, steps, warmup, repeats, labels, bf16, channelsLast, foreachAdam, hostDraws, deterministic, noAutotune })
            command.Options.Add(option);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            var options = defaults with
            {
                Model = parse.GetValue(model) is { } m ? ParseModel(m) : defaults.Model,
                Resolution = parse.GetValue(resolution) ?? defaults.Resolution,
                Batch = parse.GetValue(batch) ?? defaults.Batch,
                Steps = parse.GetValue(steps) ?? defaults.Steps,
                Warmup = parse.GetValue(warmup) ?? defaults.Warmup,
                Repeats = parse.GetValue(repeats) ?? defaults.Repeats,
                Labels = parse.GetValue(labels) ?? defaults.Labels,
                Bf16 = parse.GetValue(bf16),
                ChannelsLast = parse.GetValue(channelsLast),
                ForeachAdam = parse.GetValue(foreachAdam),
                HostDraws = parse.GetValue(hostDraws),
                Deterministic = parse.GetValue(deterministic),
                CudnnBenchmark = !parse.GetValue(noAutotune),
            };
            var problems = options.Validate().ToList();
            if (problems.Count > 0) throw new UserError(string.Join("; ", problems));
            var runtime = context.StartTorch(compute);
            var result = GanThroughput.Run(runtime, options, context.Reporter);
            context.Console.Out.Profile.Out.Writer.WriteLine(result.ToJson());
            return 0;
        });
        return command;
    }

    static Command CreateClassify(CliConsole console, GlobalOptions global)
    {
        var defaults = new ClassifierBenchmarkOptions();
        var compute = new ComputeOptions();
        var arch = new Option<string?>("--arch") { Description = "resnet18, resnet50 or densenet121 [default: resnet50]" };
        var size = new Option<int?>("--size") { Description = $"input height and width in pixels [default: {defaults.Size}]" };
        var batch = new Option<int?>("--batch") { Description = $"images per step [default: {defaults.Batch}]" };
        var steps = new Option<int?>("--steps") { Description = $"timed steps per repeat [default: {defaults.Steps}]" };
        var warmup = new Option<int?>("--warmup") { Description = $"untimed steps first [default: {defaults.Warmup}]" };
        var repeats = new Option<int?>("--repeats") { Description = $"timed windows, median reported [default: {defaults.Repeats}]" };
        var labels = new Option<int?>("--labels") { Description = $"logits [default: {defaults.Labels}]" };
        var bf16 = new Option<bool>("--bf16") { Description = "bfloat16 batches on fp32 master weights, as the trainer's bf16: true" };
        var channelsLast = new Option<bool>("--channels-last") { Description = "channels-last (NHWC) conv weights and batches" };
        var foreachAdam = new Option<bool>("--foreach-adam") { Description = "multi-tensor AdamW through TorchScript instead of TorchSharp's AdamW" };
        var deterministic = new Option<bool>("--deterministic") { Description = "keep deterministic algorithms on (off by default here, as in PyTorch)" };
        var noAutotune = new Option<bool>("--no-cudnn-benchmark") { Description = "switch cuDNN autotuning off (on by default, as in the PyTorch reference)" };
        var command = new Command("classify", "Time classifier training steps (forward, BCE, backward, AdamW) on random batches; prints one JSON line");
        compute.AddTo(command);
        foreach (Option option in new Option[] { arch, size, batch, steps, warmup, repeats, labels, bf16, channelsLast, foreachAdam, deterministic, noAutotune })
            command.Options.Add(option);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            var options = defaults with
            {
                Architecture = parse.GetValue(arch) is { } a ? ClassifierOptions.Architecture(a) : defaults.Architecture,
                Size = parse.GetValue(size) ?? defaults.Size,
                Batch = parse.GetValue(batch) ?? defaults.Batch,
                Steps = parse.GetValue(steps) ?? defaults.Steps,
                Warmup = parse.GetValue(warmup) ?? defaults.Warmup,
                Repeats = parse.GetValue(repeats) ?? defaults.Repeats,
                Labels = parse.GetValue(labels) ?? defaults.Labels,
                Bf16 = parse.GetValue(bf16),
                ChannelsLast = parse.GetValue(channelsLast),
                ForeachAdam = parse.GetValue(foreachAdam),
                Deterministic = parse.GetValue(deterministic),
                CudnnBenchmark = !parse.GetValue(noAutotune),
            };
            var problems = options.Validate().ToList();
            if (problems.Count > 0) throw new UserError(string.Join("; ", problems));
            var runtime = context.StartTorch(compute);
            var result = ClassifierThroughput.Run(runtime, options, context.Reporter);
            context.Console.Out.Profile.Out.Writer.WriteLine(result.ToJson());
            return 0;
        });
        return command;
    }

    static GanKind ParseModel(string text)
    {
        string[] names = Enum.GetNames<GanKind>().Select(n => n.ToLowerInvariant()).ToArray();
        foreach (var kind in Enum.GetValues<GanKind>())
            if (string.Equals(kind.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase)) return kind;
        throw new UserError($"--model '{text}': expected {string.Join(" or ", names)}{NameSuggester.Hint(text, names)}");
    }
}
