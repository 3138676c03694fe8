using System.Globalization;
using System.Text;
using Simulator.Core;
using Simulator.Learning.Imitation;

namespace Simulator.Cli.Datasets;

/// <summary>
/// The Udacity self-driving-car simulator's layout: <c>driving_log.csv</c> (header
/// <c>center,left,right,steering,throttle,brake,speed</c>, one row per sample, image paths relative to the folder)
/// and <c>IMG/{center,left,right}_E_NNNNNN.jpg</c>. Units as the Udacity simulator writes them: steering in
/// [-1, 1] with positive to the right (our steer is positive to the left, so it is negated), throttle and brake in
/// [0, 1], speed in mph. The left and right images are the centre camera moved <see cref="SideOffset"/> metres sideways.
/// </summary>
internal sealed class UdacityDataset : IDatasetWriter
{
    public const string Log = "driving_log.csv";
    public const string Header = "center,left,right,steering,throttle,brake,speed";
    public const float SideOffset = 0.5f;
    public const double MphPerMps = 2.2369362920544;
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;
    private readonly string _folder;
    private readonly int _width, _height;
    private readonly StringBuilder _rows = new();

    public UdacityDataset(string folder, int width, int height)
    {
        (_folder, _width, _height) = (folder, width, height);
        Directory.CreateDirectory(Path.Combine(folder, "IMG"));
        _rows.Append(Header).Append('\n');
    }

    public IReadOnlyList<float> SideOffsets { get; } = [SideOffset, -SideOffset];

    public void Add(in DatasetSample sample, IReadOnlyList<byte[]> frames)
    {
        string stem = string.Create(s_inv, $"{sample.Episode:D3}_{sample.Index:D6}.jpg");
        string[] names = ["IMG/center_" + stem, "IMG/left_" + stem, "IMG/right_" + stem];
        for (int k = 0; k < 3; k++)
        {
            SafeFile.WriteAllBytes(Path.Combine(_folder, names[k]), Jpeg.Encode(frames[k], _width, _height));
        }
        float throttle = Math.Max(sample.Accel, 0), brake = Math.Max(-sample.Accel, 0);
        _rows.Append(string.Create(s_inv, $"{names[0]},{names[1]},{names[2]},{-sample.Steer:0.######},{throttle:0.######},{brake:0.######},{sample.Speed * MphPerMps:0.####}\n"));
    }

    public void Complete() => SafeFile.WriteAllText(Path.Combine(_folder, Log), _rows.ToString());

    /// <summary>Reads a Udacity folder's centre images and actions (steer = −steering, accel = throttle − brake) as
    /// one episode (the layout has no episode marks). Absolute or Windows image paths are looked up by file name in IMG/.</summary>
    public static DemoSet Read(string folder)
    {
        string log = Path.Combine(folder, Log);
        if (!File.Exists(log))
        {
            throw new SimInputException($"no {Log} in '{folder}'", file: folder, hint: "give the folder the Udacity simulator recorded into");
        }
        var builder = new DemoBuilder();
        string[] lines = File.ReadAllLines(log);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || (i == 0 && line.StartsWith("center", StringComparison.Ordinal)))
            {
                continue;
            }
            string[] cells = line.Split(',');
            if (cells.Length < 7 || !float.TryParse(cells[3], NumberStyles.Float, s_inv, out float steering)
                || !float.TryParse(cells[4], NumberStyles.Float, s_inv, out float throttle)
                || !float.TryParse(cells[5], NumberStyles.Float, s_inv, out float brake))
            {
                throw new SimInputException("expected center,left,right,steering,throttle,brake,speed", file: log, line: i + 1);
            }
            string name = cells[0].Trim().Replace('\\', '/');
            string image = Path.Combine(folder, "IMG", name[(name.LastIndexOf('/') + 1)..]);
            var (w, h, rgb) = Jpeg.DecodeRgb(image);
            builder.Add(w, h, rgb, -steering, throttle - brake, image);
        }
        return builder.Build(log);
    }
}
