namespace Simulator.Learning.Runs;

/// <summary>
/// The documented range of a numeric config setting. Every numeric property of a YAML config carries one: the reader
/// refuses values outside it (and NaN, infinities, text) before anything runs, naming the file, key and line.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class ConfigRangeAttribute(double min, double max) : Attribute
{
    public double Min { get; } = min;
    public double Max { get; } = max;
}
