using System.Net;
using Simulator.Core;
using Simulator.Telemetry.Live;

namespace Simulator.Telemetry.Tests;

public class FoxgloveEndpointTests
{
    [Theory]
    [InlineData("8765", "127.0.0.1", 8765)]
    [InlineData(" 9000 ", "127.0.0.1", 9000)]
    [InlineData("localhost:8765", "127.0.0.1", 8765)]
    [InlineData("0.0.0.0:8765", "0.0.0.0", 8765)]
    [InlineData("192.168.1.20:1", "192.168.1.20", 1)]
    [InlineData("[::1]:65535", "::1", 65535)]
    public void Parses_host_and_port(string text, string address, int port)
    {
        var e = FoxgloveEndpoint.Parse(text);
        Assert.Equal(IPAddress.Parse(address), e.Address);
        Assert.Equal(port, e.Port);
    }

    [Theory]
    [InlineData("", "port")]
    [InlineData("0", "port")]
    [InlineData("65536", "port")]
    [InlineData("-1", "port")]
    [InlineData("+80", "port")]
    [InlineData("80.5", "port")]
    [InlineData("abc", "port")]
    [InlineData("host:", "port")]
    [InlineData("example.com:8765", "host")]
    [InlineData("::1:8765", "brackets")]
    [InlineData("[::1]8765", "brackets")]
    [InlineData("999.1.1.1:8765", "host")]
    public void Rejects_bad_values_with_one_line(string text, string mentions)
    {
        var e = Assert.Throws<SimInputException>(() => FoxgloveEndpoint.Parse(text));
        Assert.Contains(mentions, e.Message, StringComparison.Ordinal);
        Assert.Contains("--foxglove", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_port_in_use_is_a_one_line_input_error()
    {
        using var first = FoxgloveServer.Start(FoxgloveEndpoint.Loopback(0));
        var e = Assert.Throws<SimInputException>(() => FoxgloveServer.Start(FoxgloveEndpoint.Loopback(first.Port)));
        Assert.Contains("in use", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
