namespace Simulator.Telemetry.Live;

/// <summary>Settings of a <see cref="FoxgloveServer"/>.</summary>
public sealed record FoxgloveServerOptions
{
    public static FoxgloveServerOptions Default { get; } = new();

    /// <summary>Name the server reports to clients (serverInfo).</summary>
    public string Name { get; init; } = "simulator";

    /// <summary>
    /// Messages waiting per client; when a slow client's queue is full the oldest waiting message is dropped (and
    /// counted), so a slow client sees fewer, fresher messages and never slows the publisher.
    /// </summary>
    public int QueueCapacity { get; init; } = 64;

    /// <summary>Longest wait for a connecting client's HTTP upgrade request.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
