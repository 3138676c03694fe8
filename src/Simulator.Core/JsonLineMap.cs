using System.Text.Json;

namespace Simulator.Core;

/// <summary>
/// Where each value of a JSON document starts: JSON path (<c>$.traffic[2].speed</c>) to 1-based line. JsonDocument
/// keeps no positions, so errors found while reading its elements ask this map for the line.
/// </summary>
public sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private JsonLineMap() { }

    /// <summary>Maps every value of <paramref name="utf8"/>, which must already have parsed with <paramref name="options"/>.</summary>
    public static JsonLineMap Build(ReadOnlySpan<byte> utf8, JsonDocumentOptions options)
    {
        var map = new JsonLineMap();
        var newlines = new List<long>();
        for (int i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                newlines.Add(i);
            }
        }
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = options.AllowTrailingCommas,
            MaxDepth = options.MaxDepth == 0 ? 64 : options.MaxDepth,
        });
        var frames = new Stack<(string Path, bool IsArray, int Index)>();
        string? member = null;
        while (reader.Read())
        {
            int line = LineOf(newlines, reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    member = reader.GetString();
                    map._lines.TryAdd($"{frames.Peek().Path}.{member}", line);
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    frames.Pop();
                    break;
                default:
                    string path = NextPath(frames, member);
                    map._lines.TryAdd(path, line);
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        frames.Push((path, reader.TokenType == JsonTokenType.StartArray, 0));
                    }
                    break;
            }
        }
        return map;
    }

    /// <summary>The line of <paramref name="path"/>, or of its nearest enclosing value that has one.</summary>
    public int? LineOf(string? path) => NearestLine(_lines, path) ?? (_lines.TryGetValue("$", out int root) ? root : null);

    /// <summary>The line of <paramref name="path"/> in <paramref name="lines"/> (paths such as <c>a.b[2].c</c>), or of
    /// its nearest enclosing entry that has one; null when none has. Shared with the YAML config reader.</summary>
    public static int? NearestLine(IReadOnlyDictionary<string, int> lines, string? path)
    {
        while (!string.IsNullOrEmpty(path))
        {
            if (lines.TryGetValue(path, out int line))
            {
                return line;
            }
            int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0)
            {
                break;
            }
            path = path[..cut];
        }
        return null;
    }

    private static string NextPath(Stack<(string Path, bool IsArray, int Index)> frames, string? member)
    {
        if (frames.Count == 0)
        {
            return "$";
        }
        var top = frames.Pop();
        if (top.IsArray)
        {
            frames.Push((top.Path, true, top.Index + 1));
            return $"{top.Path}[{top.Index}]";
        }
        frames.Push(top);
        return $"{top.Path}.{member}";
    }

    private static int LineOf(List<long> newlines, long offset)
    {
        int at = newlines.BinarySearch(offset);
        return (at < 0 ? ~at : at) + 1;
    }
}
