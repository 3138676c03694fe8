namespace Simulator.Core;

/// <summary>"Did you mean" suggestions for misspelt keys and values, shared by every configuration reader.</summary>
public static class NameHints
{
    /// <summary>The known name closest to <paramref name="name"/> by edit distance (case-insensitive), if reasonably close.</summary>
    public static string? Nearest(string name, IReadOnlyList<string> known)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(known);
        if (name.Length > 64)
        {
            return null;
        }
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string k in known)
        {
            int d = EditDistance(name.ToLowerInvariant(), k.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    /// <summary>The hint for an unknown key: "did you mean 'x'?" when one is close, else the allowed keys.</summary>
    public static string UnknownKey(string name, IReadOnlyList<string> known)
    {
        string? near = Nearest(name, known);
        if (near != null)
        {
            return $"did you mean '{near}'?";
        }
        return known.Count == 0 ? "no fields are allowed here" : "allowed: " + string.Join(", ", known);
    }

    /// <summary>The hint for an unknown value of a fixed set: "did you mean 'x'? allowed: a, b".</summary>
    public static string UnknownValue(string value, IReadOnlyList<string> allowed)
    {
        string? near = Nearest(value, allowed);
        return (near is null ? "" : $"did you mean '{near}'? ") + "allowed: " + string.Join(", ", allowed);
    }

    private static int EditDistance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    /// <summary>Text kept to one line: control characters (newlines, tabs) become spaces.</summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(char.IsControl))
        {
            return text;
        }
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]))
            {
                chars[i] = ' ';
            }
        }
        return new string(chars);
    }

    /// <summary>Text safe to quote in a one-line message: newlines and control characters escaped, long text cut.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new System.Text.StringBuilder(Math.Min(text.Length, 42) + 2);
        foreach (char c in text)
        {
            if (sb.Length >= 40)
            {
                sb.Append('…');
                break;
            }
            sb.Append(char.IsControl(c) ? ' ' : c);
        }
        return sb.ToString();
    }
}
