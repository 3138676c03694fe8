using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Simulator.Cli.Commands;

/// <summary>
/// Numeric options with a documented range. Every numeric option of every command is made here: the parser reads
/// the token itself (invariant culture), never throws, and turns text that is not a number, an overflow, NaN, an
/// infinity or a value out of range into one parse error naming the option and the accepted range. Parse errors
/// stop the command before anything runs (exit code 2).
/// </summary>
internal static partial class CommonOptions
{
    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<int> Int(string name, string description, int defaultValue, int min, int max, params string[] aliases) =>
        new(name, aliases)
        {
            Description = $"{description} ({Range(min, max)})",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r => ParseWhole(r, name, min, max, out BigInteger v) ? (int)v : defaultValue,
        };

    /// <summary>A whole number in [1, <paramref name="max"/>].</summary>
    public static Option<int> Positive(string name, string description, int defaultValue, int max) => Int(name, description, defaultValue, 1, max);

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], or absent (null).</summary>
    public static Option<int?> OptionalInt(string name, string description, int min, int max) =>
        new(name)
        {
            Description = $"{description} ({Range(min, max)})",
            CustomParser = r => ParseWhole(r, name, min, max, out BigInteger v) ? (int)v : null,
        };

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], or absent (null).</summary>
    public static Option<long?> OptionalLong(string name, string description, long min, long max) =>
        new(name)
        {
            Description = $"{description} ({Range(min, max)})",
            CustomParser = r => ParseWhole(r, name, min, max, out BigInteger v) ? (long)v : null,
        };

    /// <summary>A seed: any whole number in [0, 18446744073709551615].</summary>
    public static Option<ulong> Seed(string name = "--seed", string description = "Random seed", ulong defaultValue = 1UL) =>
        new(name)
        {
            Description = $"{description} ({Range(0, ulong.MaxValue)})",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r => ParseWhole(r, name, 0, ulong.MaxValue, out BigInteger v) ? (ulong)v : defaultValue,
        };

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>]; with <paramref name="minExclusive"/>
    /// it must be greater than <paramref name="min"/>.</summary>
    public static Option<double> Number(string name, string description, double defaultValue, double min, double max, bool minExclusive = false) =>
        new(name)
        {
            Description = $"{description} ({NumberRange(min, max, minExclusive)})",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r => ParseNumber(r, name, min, max, minExclusive, out double v) ? v : defaultValue,
        };

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>], or absent (null).</summary>
    public static Option<double?> OptionalNumber(string name, string description, double min, double max) =>
        new(name)
        {
            Description = $"{description} ({NumberRange(min, max, false)})",
            CustomParser = r => ParseNumber(r, name, min, max, false, out double v) ? v : null,
        };

    private static string Range(BigInteger min, BigInteger max) =>
        string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}");

    private static string NumberRange(double min, double max, bool minExclusive) => minExclusive
        ? string.Create(CultureInfo.InvariantCulture, $"a number greater than {min} and at most {max}")
        : string.Create(CultureInfo.InvariantCulture, $"a number from {min} to {max}");

    private static bool ParseWhole(ArgumentResult r, string name, BigInteger min, BigInteger max, out BigInteger value)
    {
        value = default;
        if (!SingleToken(r, out string text))
        {
            return false;
        }
        if (!BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            r.AddError($"{name} must be {Range(min, max)}, got '{Shorten(text)}'");
            return false;
        }
        return true;
    }

    private static bool ParseNumber(ArgumentResult r, string name, double min, double max, bool minExclusive, out double value)
    {
        value = default;
        if (!SingleToken(r, out string text))
        {
            return false;
        }
        bool ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value)
            && (minExclusive ? value > min : value >= min) && value <= max;
        if (!ok)
        {
            r.AddError($"{name} must be {NumberRange(min, max, minExclusive)}, got '{Shorten(text)}'");
        }
        return ok;
    }

    private static bool SingleToken(ArgumentResult r, out string text)
    {
        text = "";
        if (r.Tokens.Count != 1)
        {
            // Missing values and repeated options are reported by the parser itself; nothing to convert here.
            return false;
        }
        text = r.Tokens[0].Value.Trim();
        return true;
    }

    /// <summary>Keeps a hostile token from flooding the one-line message.</summary>
    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
