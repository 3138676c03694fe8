namespace Simulator.Telemetry.Channels;

/// <summary>
/// One telemetry channel as both writers declare it: the Foxglove WebSocket server advertises it, and an MCAP
/// recording writes it as a Schema record (name, encoding, data) plus a Channel record (topic, message encoding).
/// Ids are not part of the definition: each writer numbers its channels in <see cref="TelemetryChannels.All"/> order.
/// </summary>
/// <param name="Topic">Topic name, e.g. <c>/camera/agent</c>.</param>
/// <param name="SchemaName">Schema name; <c>foxglove.*</c> names select Foxglove's built-in panels.</param>
/// <param name="MessageEncoding">Encoding of each message (<c>json</c>).</param>
/// <param name="SchemaEncoding">Encoding of <see cref="Schema"/> (<c>jsonschema</c>).</param>
/// <param name="Schema">The schema text (a JSON Schema document).</param>
public sealed record ChannelDefinition(string Topic, string SchemaName, string MessageEncoding, string SchemaEncoding, string Schema)
{
    /// <summary>The schema as UTF-8 bytes, as MCAP stores it.</summary>
    public ReadOnlyMemory<byte> SchemaBytes { get; } = System.Text.Encoding.UTF8.GetBytes(Schema);
}
