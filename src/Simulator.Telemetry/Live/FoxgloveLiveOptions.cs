namespace Simulator.Telemetry.Live;

/// <summary>Settings of a <see cref="FoxgloveLive"/> publisher.</summary>
public sealed record FoxgloveLiveOptions
{
    public static FoxgloveLiveOptions Default { get; } = new();

    /// <summary>
    /// Most snapshots taken per second of wall time (0: every one offered). A simulation steps far faster than anyone
    /// watches; taking fewer keeps the encoding cost (and the sim's share of the copies) small.
    /// </summary>
    public double MaxRateHz { get; init; } = 30;

    /// <summary>JPEG quality of camera frames (1–100).</summary>
    public int JpegQuality { get; init; } = 80;

    public FoxgloveServerOptions Server { get; init; } = FoxgloveServerOptions.Default;
}
