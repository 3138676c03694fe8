using System.Text.Json;
using Simulator.Telemetry.Messages;

namespace Simulator.Telemetry.Tests;

public class FixedNumberTests
{
    private static string Write(double value, int decimals)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            TelemetryEncoder.Fixed(w, JsonEncodedText.Encode("v"), value, decimals);
            w.WriteEndObject();
        }
        string json = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        using var doc = JsonDocument.Parse(json); // always valid JSON
        return json[5..^1];
    }

    [Theory]
    [InlineData(1.5, 3, "1.5")]
    [InlineData(-12.3456, 3, "-12.346")]
    [InlineData(100, 3, "100")]
    [InlineData(0.00001, 5, "0.00001")]
    [InlineData(-0.0004, 3, "0")]
    [InlineData(-0.0, 3, "0")]
    [InlineData(0.70710678, 5, "0.70711")]
    [InlineData(123456.0006, 3, "123456.001")]
    [InlineData(double.NaN, 3, "null")]
    [InlineData(double.PositiveInfinity, 3, "null")]
    public void Writes_plain_rounded_decimals(double value, int decimals, string expected) => Assert.Equal(expected, Write(value, decimals));

    [Fact]
    public void Huge_values_fall_back_to_the_general_format_and_round_trip_within_the_rounding()
    {
        Assert.Equal(1e20f, float.Parse(Write(1e20, 3), System.Globalization.CultureInfo.InvariantCulture));
        var rng = new Random(3);
        for (int i = 0; i < 10_000; i++)
        {
            double v = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-6, 9));
            int decimals = rng.Next(0, 7);
            double back = double.Parse(Write(v, decimals), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(back - v) <= 0.5 * Math.Pow(10, -decimals) + 1e-9 * Math.Abs(v), $"{v} with {decimals} decimals came back as {back}");
        }
    }
}
