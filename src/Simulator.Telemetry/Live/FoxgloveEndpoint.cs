using System.Globalization;
using System.Net;
using Simulator.Core;

namespace Simulator.Telemetry.Live;

/// <summary>Where the live server listens: an IP address (127.0.0.1 unless given) and a TCP port (0 picks a free one).</summary>
public sealed record FoxgloveEndpoint(IPAddress Address, int Port)
{
    public const string Syntax = "[HOST:]PORT, e.g. 8765, 0.0.0.0:8765 or [::1]:8765 (HOST an IP address or localhost, PORT 1-65535)";

    public static FoxgloveEndpoint Loopback(int port) => new(IPAddress.Loopback, port);

    /// <summary>The URL a Foxglove client opens (a wildcard address is shown as 127.0.0.1).</summary>
    public string Url(int boundPort)
    {
        var shown = Address.Equals(IPAddress.Any) ? IPAddress.Loopback : Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : Address;
        string host = shown.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{shown}]" : shown.ToString();
        return string.Create(CultureInfo.InvariantCulture, $"ws://{host}:{boundPort}");
    }

    /// <summary>Parses <c>[HOST:]PORT</c>; on failure <paramref name="error"/> says what is wrong (no exception).</summary>
    public static bool TryParse(string? text, out FoxgloveEndpoint? endpoint, out string error)
    {
        endpoint = null;
        error = "";
        string t = (text ?? "").Trim();
        string host = "", port = t;
        if (t.StartsWith('['))
        {
            int close = t.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                error = "an IPv6 host needs brackets and a port: [::1]:8765";
                return false;
            }
            host = t[1..close];
            port = t[(close + 2)..];
        }
        else if (t.IndexOf(':', StringComparison.Ordinal) is int colon and >= 0)
        {
            if (t.IndexOf(':', colon + 1) >= 0)
            {
                error = "write an IPv6 host in brackets: [::1]:8765";
                return false;
            }
            host = t[..colon];
            port = t[(colon + 1)..];
        }
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int p) || p is < 1 or > 65535)
        {
            error = $"the port must be a whole number from 1 to 65535, got '{Shorten(port)}'";
            return false;
        }
        IPAddress? address;
        if (host.Length == 0 || host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(host, out address) || host.Contains('%', StringComparison.Ordinal))
        {
            error = $"the host must be an IP address or localhost, got '{Shorten(host)}'";
            return false;
        }
        endpoint = new FoxgloveEndpoint(address, p);
        return true;
    }

    /// <summary>Parses <c>[HOST:]PORT</c> or throws a one-line <see cref="SimInputException"/> naming <paramref name="option"/>.</summary>
    public static FoxgloveEndpoint Parse(string? text, string option = "--foxglove") =>
        TryParse(text, out var endpoint, out string error) ? endpoint! : throw new SimInputException(error, path: option, hint: "use " + Syntax);

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
