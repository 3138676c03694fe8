using System.Net;
using System.Net.Sockets;

namespace Simulator.Cli.Tests;

/// <summary>`--foxglove [HOST:]PORT` on drive and train: bad values and a port in use are one-line errors, exit 2.</summary>
public class FoxgloveOptionTests
{
    [Theory]
    [InlineData("drive", "abc")]
    [InlineData("drive", "0")]
    [InlineData("drive", "65536")]
    [InlineData("drive", "example.com:8765")]
    [InlineData("drive", "::1:8765")]
    [InlineData("train", "-5")]
    [InlineData("train", "1.2.3.4.5:80")]
    public void Bad_values_are_one_line_parse_errors(string command, string value)
    {
        var (code, _, err) = CliTests.Run(command, "--foxglove", value);
        Assert.Equal(2, code);
        string first = err.Split('\n')[0];
        Assert.StartsWith("sim: --foxglove: ", first, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_in_use_is_a_one_line_error_with_exit_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (code, output, err) = CliTests.Run("drive", "--scene", "oval", "--foxglove", $"{port}");
        Assert.Equal(2, code);
        Assert.Contains("port is in use", err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Equal("", output);
    }

    [Fact]
    public void Drive_with_a_free_port_says_where_to_connect_and_still_reports()
    {
        var (code, output, err) = CliTests.Run("drive", "--scene", "oval", "--episodes", "1", "--json", "--foxglove", "127.0.0.1:0".Replace(":0", ":" + FreePort(), StringComparison.Ordinal));
        Assert.Equal(0, code);
        Assert.Contains("ws://127.0.0.1:", err, StringComparison.Ordinal);
        Assert.Contains("Foxglove WebSocket", err, StringComparison.Ordinal);
        Assert.StartsWith("[", output.TrimStart(), StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
