using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Simulator.Core;

namespace Simulator.Cli.Commands;

/// <summary>Options whose value is a small list or a size, checked while parsing like the numeric options.</summary>
internal static partial class CommonOptions
{
    /// <summary>A comma-separated list of counts, each in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<string> CountList(string name, string description, string defaultValue, int min, int max)
    {
        var option = new Option<string>(name)
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"{description} (each a whole number from {min} to {max})"),
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && TryParseCounts(r.Tokens[0].Value, name, min, max, out _) is { } error)
            {
                r.AddError(error);
            }
        });
        return option;
    }

    /// <summary>A size WxH with both sides in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<string?> Size(string name, string description, string? defaultValue, int min, int max)
    {
        var option = new Option<string?>(name)
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"{description} (WxH, sides from {min} to {max})"),
        };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && TryParseSize(r.Tokens[0].Value, name, min, max, out _) is { } error)
            {
                r.AddError(error);
            }
        });
        return option;
    }

    /// <summary>The counts of a validated <see cref="CountList"/> value.</summary>
    public static int[] ParseCounts(string text, string name, int min, int max) =>
        TryParseCounts(text, name, min, max, out int[] counts) is { } error ? throw new SimInputException(error) : counts;

    /// <summary>The size of a validated <see cref="Size"/> value.</summary>
    public static (int Width, int Height) ParseSize(string text, string name, int min, int max) =>
        TryParseSize(text, name, min, max, out var size) is { } error ? throw new SimInputException(error) : size;

    private static string? TryParseCounts(string text, string name, int min, int max, out int[] counts)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        counts = new int[parts.Length];
        string expected = string.Create(CultureInfo.InvariantCulture, $"{name} must be a comma-separated list of whole numbers from {min} to {max}");
        if (parts.Length == 0 || parts.Length > 64)
        {
            return $"{expected} (1 to 64 of them), got '{Shorten(text)}'";
        }
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out counts[i]) || counts[i] < min || counts[i] > max)
            {
                return $"{expected}, got '{Shorten(parts[i])}'";
            }
        }
        return null;
    }

    private static string? TryParseSize(string text, string name, int min, int max, out (int Width, int Height) size)
    {
        size = default;
        var parts = text.Split('x', 'X');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
            || w < min || w > max || h < min || h > max)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{name} must be a size WxH with sides from {min} to {max} (e.g. 84x84), got '{Shorten(text)}'");
        }
        size = (w, h);
        return null;
    }
}
