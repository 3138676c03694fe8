using System.Globalization;
using Simulator.Core;

namespace Simulator.Learning.Runs;

/// <summary>A run's metrics.csv or eval.csv read back: its header and numeric rows (unparsable cells become NaN).</summary>
public sealed class RunCsv
{
    private RunCsv(string path, string[] columns, List<double[]> rows)
    {
        Path = path;
        Columns = columns;
        Rows = rows;
    }

    public string Path { get; }
    public string[] Columns { get; }
    public List<double[]> Rows { get; }

    /// <summary>Reads the file; a missing file gives null (a run before its first row).</summary>
    public static RunCsv? TryRead(string path)
    {
        string[] lines;
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SimInputException("cannot read the metrics file", file: path, hint: "check that it is readable", inner: e);
        }
        if (lines.Length == 0)
        {
            return null;
        }
        string[] columns = lines[0].Split(',');
        var rows = new List<double[]>(lines.Length - 1);
        for (int i = 1; i < lines.Length; i++)
        {
            string[] cells = lines[i].Split(',');
            if (cells.Length != columns.Length)
            {
                continue; // a torn last line of a killed run
            }
            var row = new double[cells.Length];
            for (int c = 0; c < cells.Length; c++)
            {
                row[c] = double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
            }
            rows.Add(row);
        }
        return new RunCsv(path, columns, rows);
    }

    public int IndexOf(string column) => Array.IndexOf(Columns, column);

    /// <summary>(total_steps, column) pairs with finite values, in file order; empty when the column is absent.</summary>
    public (double[] Steps, double[] Values) Series(string column)
    {
        int x = IndexOf("total_steps"), y = IndexOf(column);
        var xs = new List<double>();
        var ys = new List<double>();
        if (x >= 0 && y >= 0)
        {
            foreach (double[] row in Rows)
            {
                if (double.IsFinite(row[x]) && double.IsFinite(row[y]))
                {
                    xs.Add(row[x]);
                    ys.Add(row[y]);
                }
            }
        }
        return (xs.ToArray(), ys.ToArray());
    }
}
