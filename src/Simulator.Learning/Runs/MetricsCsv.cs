using Simulator.Core;
using System.Globalization;
using System.Text;

namespace Simulator.Learning.Runs;

/// <summary>
/// An append-only CSV with a fixed header; each row is flushed, so a kill loses at most the row being written.
/// On resume, rows past the checkpoint's step (work the kill threw away) are dropped first, so steps stay monotonic.
/// </summary>
public sealed class MetricsCsv : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly int _columns;
    private readonly StringBuilder _line = new();

    /// <param name="stepColumn">Index of the column holding the env step, used to trim on resume.</param>
    public MetricsCsv(string path, IReadOnlyList<string> header, long? keepUpToStep = null, int stepColumn = 1)
    {
        _columns = header.Count;
        string headerLine = string.Join(',', header);
        if (keepUpToStep is { } keep && File.Exists(path))
        {
            var kept = new StringBuilder();
            foreach (string line in File.ReadAllLines(path))
            {
                string[] cells = line.Split(',');
                if (line == headerLine || (cells.Length == _columns && long.TryParse(cells[stepColumn], NumberStyles.Integer, CultureInfo.InvariantCulture, out long s) && s <= keep))
                {
                    kept.Append(line).Append('\n');
                }
            }
            SafeFile.WriteAllText(path, kept.ToString());
        }
        SafeFile.PrepareTarget(path);
        bool fresh = !File.Exists(path) || new FileInfo(path).Length == 0;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { NewLine = "\n" };
        if (fresh)
        {
            _writer.WriteLine(headerLine);
            _writer.Flush();
        }
        Path = path;
    }

    public string Path { get; }

    public void Append(ReadOnlySpan<double> values)
    {
        if (values.Length != _columns)
        {
            throw new ArgumentException($"expected {_columns} values, got {values.Length}", nameof(values));
        }
        _line.Clear();
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                _line.Append(',');
            }
            double v = values[i];
            _line.Append(v == Math.Floor(v) && Math.Abs(v) < 1e15 ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture));
        }
        _writer.WriteLine(_line);
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();
}
