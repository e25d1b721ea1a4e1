using XraySynth.Common;
using XraySynth.Torch;

namespace XraySynth.Tests.Torch;

public sealed class DeviceSpecTests
{
    [Theory]
    [InlineData("auto", DeviceRequest.Auto, null)]
    [InlineData("cpu", DeviceRequest.Cpu, null)]
    [InlineData("CPU", DeviceRequest.Cpu, null)]
    [InlineData("cuda", DeviceRequest.Cuda, 0)]
    [InlineData("cuda:0", DeviceRequest.Cuda, 0)]
    [InlineData("cuda:3", DeviceRequest.Cuda, 3)]
    public void Parses_every_documented_form(string text, DeviceRequest kind, int? index)
    {
        var spec = DeviceSpec.Parse(text);
        Assert.Equal(kind, spec.Kind);
        Assert.Equal(index, spec.Index);
    }

    [Theory]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    [InlineData("tpu")]
    [InlineData("")]
    public void Rejects_anything_else_with_the_accepted_forms_in_the_message(string text)
    {
        var error = Assert.Throws<UserError>(() => DeviceSpec.Parse(text));
        Assert.Contains("expected auto, cpu, cuda or cuda:N", error.Message);
    }

    [Fact]
    public void Round_trips_through_its_text()
    {
        foreach (var spec in new[] { DeviceSpec.Auto, DeviceSpec.Cpu, DeviceSpec.Cuda(2) })
            Assert.Equal(spec, DeviceSpec.Parse(spec.ToString()));
    }
}
