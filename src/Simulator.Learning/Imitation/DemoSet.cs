using System.Buffers.Binary;
using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Learning.Data;
using Simulator.Learning.Driving;
using Simulator.Learning.Env;

namespace Simulator.Learning.Imitation;

/// <summary>
/// Demonstrations as episodes of single camera frames (RGB8, H×W×3, one size) with the action taken from each frame
/// (steer, accel in env units: steer +1 = full left, accel + throttle / − brake). What `sim dataset import` writes
/// and `bc.demos` reads; <see cref="ToBcDataset"/> turns it into the network's layout for a training config.
/// </summary>
public sealed record DemoSet(int Width, int Height, byte[] Pixels, float[] Actions, int[] EpisodeStarts)
{
    private static ReadOnlySpan<byte> Magic => "SIMDEMO1"u8;

    public int Count => Actions.Length / 2;
    public int FrameBytes => Width * Height * 3;

    public void Validate(string? file = null)
    {
        if (Width < 1 || Height < 1 || Actions.Length % 2 != 0 || Pixels.Length != (long)Count * FrameBytes
            || EpisodeStarts.Length == 0 && Count > 0 || EpisodeStarts.Length > 0 && EpisodeStarts[0] != 0)
        {
            throw new SimInputException($"demonstrations of {Count} samples at {Width}x{Height} are inconsistent", file: file);
        }
        for (int i = 1; i < EpisodeStarts.Length; i++)
        {
            if (EpisodeStarts[i] <= EpisodeStarts[i - 1] || EpisodeStarts[i] >= Count)
            {
                throw new SimInputException($"episode start {EpisodeStarts[i]} is out of order", file: file);
            }
        }
    }

    /// <summary>Joins sets of one frame size (episodes stay apart).</summary>
    public static DemoSet Concat(IReadOnlyList<DemoSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        if (sets.Count == 0)
        {
            throw new SimInputException("no demonstrations", hint: "give recordings or imported datasets");
        }
        int w = sets[0].Width, h = sets[0].Height;
        var starts = new List<int>();
        int count = 0;
        foreach (DemoSet s in sets)
        {
            if (s.Width != w || s.Height != h)
            {
                throw new SimInputException($"demonstrations of different frame sizes ({w}x{h} and {s.Width}x{s.Height}) cannot be joined");
            }
            foreach (int e in s.EpisodeStarts)
            {
                starts.Add(count + e);
            }
            count += s.Count;
        }
        var pixels = new byte[(long)count * w * h * 3];
        var actions = new float[count * 2];
        int at = 0;
        foreach (DemoSet s in sets)
        {
            s.Pixels.CopyTo(pixels, (long)at * w * h * 3);
            s.Actions.CopyTo(actions, at * 2);
            at += s.Count;
        }
        return new DemoSet(w, h, pixels, actions, [.. starts]);
    }

    /// <summary>
    /// The samples in <see cref="BehaviorCloning"/>'s layout for an image-only observation <paramref name="spec"/>:
    /// frames resized (bilinear) to the spec's size when they differ, channels first, stacked with the
    /// <paramref name="frameStack"/> − 1 frames before each in its episode (an episode's first frame fills the slots
    /// before it, as <see cref="FrameStacker"/> does at a reset); actions as they are (continuous) or the nearest
    /// discrete action.
    /// </summary>
    public BcDataset ToBcDataset(ObservationSpec spec, int frameStack, DrivingActionMode mode)
    {
        RequireCameraOnly(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameStack, 1);
        int frame = spec.ImageBytes;
        byte[] resized = Width == spec.Width && Height == spec.Height ? Pixels : Resize(spec.Width, spec.Height);
        var images = new byte[checked(Count * frame * frameStack)];
        int[] episodeOf = EpisodeStartOf();
        for (int i = 0; i < Count; i++)
        {
            for (int s = 0; s < frameStack; s++)
            {
                int source = Math.Max(episodeOf[i], i - (frameStack - 1 - s));
                FrameStacker.HwcToChw(resized.AsSpan(source * frame, frame), images.AsSpan((i * frameStack + s) * frame, frame), 3, spec.Height, spec.Width);
            }
        }
        float[] actions;
        if (mode == DrivingActionMode.Discrete)
        {
            actions = new float[Count];
            for (int i = 0; i < Count; i++)
            {
                actions[i] = DemonstrationCollector.NearestDiscrete(new DrivingAction(Actions[2 * i], Actions[2 * i + 1]));
            }
        }
        else
        {
            actions = (float[])Actions.Clone();
        }
        return new BcDataset(Count, images, null, actions);
    }

    /// <summary>Demonstrations hold camera frames only: the observation must be an RGB image without a vector.</summary>
    public static void RequireCameraOnly(ObservationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.HasImage || spec.Channels != 3 || spec.VectorSize != 0)
        {
            throw new SimInputException($"recorded or imported demonstrations hold camera frames only; the training observation has {(spec.HasImage ? "an image and " : "no image and ")}{spec.VectorSize} vector values",
                path: "bc.demos", hint: "train with a camera as the ego's only sensor (env.ego_sensors), or use bc.demo_steps (autopilot demonstrations)");
        }
    }

    private int[] EpisodeStartOf()
    {
        var of = new int[Count];
        int e = 0;
        for (int i = 0; i < Count; i++)
        {
            while (e + 1 < EpisodeStarts.Length && EpisodeStarts[e + 1] <= i)
            {
                e++;
            }
            of[i] = EpisodeStarts.Length == 0 ? 0 : EpisodeStarts[e];
        }
        return of;
    }

    /// <summary>Every frame resized to <paramref name="width"/>×<paramref name="height"/>, bilinear (pixel centres aligned).</summary>
    public byte[] Resize(int width, int height)
    {
        var result = new byte[(long)Count * width * height * 3];
        float sx = Width / (float)width, sy = Height / (float)height;
        for (int i = 0; i < Count; i++)
        {
            ReadOnlySpan<byte> src = Pixels.AsSpan(i * FrameBytes, FrameBytes);
            Span<byte> dst = result.AsSpan(i * width * height * 3, width * height * 3);
            for (int y = 0; y < height; y++)
            {
                float fy = Math.Clamp((y + 0.5f) * sy - 0.5f, 0, Height - 1);
                int y0 = (int)fy, y1 = Math.Min(y0 + 1, Height - 1);
                float ty = fy - y0;
                for (int x = 0; x < width; x++)
                {
                    float fx = Math.Clamp((x + 0.5f) * sx - 0.5f, 0, Width - 1);
                    int x0 = (int)fx, x1 = Math.Min(x0 + 1, Width - 1);
                    float tx = fx - x0;
                    for (int c = 0; c < 3; c++)
                    {
                        float top = src[(y0 * Width + x0) * 3 + c] * (1 - tx) + src[(y0 * Width + x1) * 3 + c] * tx;
                        float bottom = src[(y1 * Width + x0) * 3 + c] * (1 - tx) + src[(y1 * Width + x1) * 3 + c] * tx;
                        dst[(y * width + x) * 3 + c] = (byte)Math.Clamp(MathF.Round(top * (1 - ty) + bottom * ty), 0, 255);
                    }
                }
            }
        }
        return result;
    }

    /// <summary>Writes the set (through <see cref="SafeFile"/>): "SIMDEMO1", then little-endian int32 count, width,
    /// height, episode count, the episode starts, float32 actions (2 per sample), then the RGB frames.</summary>
    public void Save(string path)
    {
        Validate();
        SafeFile.Write(path, s =>
        {
            Span<byte> head = stackalloc byte[24];
            Magic.CopyTo(head);
            BinaryPrimitives.WriteInt32LittleEndian(head[8..], Count);
            BinaryPrimitives.WriteInt32LittleEndian(head[12..], Width);
            BinaryPrimitives.WriteInt32LittleEndian(head[16..], Height);
            BinaryPrimitives.WriteInt32LittleEndian(head[20..], EpisodeStarts.Length);
            s.Write(head);
            var numbers = new byte[4 * (EpisodeStarts.Length + Actions.Length)];
            for (int i = 0; i < EpisodeStarts.Length; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(numbers.AsSpan(4 * i), EpisodeStarts[i]);
            }
            for (int i = 0; i < Actions.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(numbers.AsSpan(4 * (EpisodeStarts.Length + i)), Actions[i]);
            }
            s.Write(numbers);
            s.Write(Pixels);
        });
    }

    /// <summary>Reads a set written by <see cref="Save"/>; anything else is a <see cref="SimInputException"/> naming the file.</summary>
    public static DemoSet Load(string path)
    {
        SafeFile.RequireReadableFile(path, "bc.demos");
        using var s = File.OpenRead(path);
        Span<byte> head = stackalloc byte[24];
        if (s.ReadAtLeast(head, 24, throwOnEndOfStream: false) < 24 || !head[..8].SequenceEqual(Magic))
        {
            throw new SimInputException("not a demonstrations file (no SIMDEMO1 header)", file: path, hint: "make one with sim dataset import");
        }
        int count = BinaryPrimitives.ReadInt32LittleEndian(head[8..]), width = BinaryPrimitives.ReadInt32LittleEndian(head[12..]);
        int height = BinaryPrimitives.ReadInt32LittleEndian(head[16..]), episodes = BinaryPrimitives.ReadInt32LittleEndian(head[20..]);
        long expected = 24L + 4L * episodes + 8L * count + (long)count * width * height * 3;
        if (count < 0 || width < 1 || height < 1 || episodes < 0 || episodes > count || s.Length != expected)
        {
            throw new SimInputException($"demonstrations file is {s.Length} bytes, its header says {expected}", file: path, hint: "the file is damaged or cut off");
        }
        var numbers = new byte[4 * (episodes + 2 * count)];
        s.ReadExactly(numbers);
        var starts = new int[episodes];
        for (int i = 0; i < episodes; i++)
        {
            starts[i] = BinaryPrimitives.ReadInt32LittleEndian(numbers.AsSpan(4 * i));
        }
        var actions = new float[2 * count];
        for (int i = 0; i < actions.Length; i++)
        {
            actions[i] = BinaryPrimitives.ReadSingleLittleEndian(numbers.AsSpan(4 * (episodes + i)));
        }
        var pixels = new byte[(long)count * width * height * 3];
        s.ReadExactly(pixels);
        var set = new DemoSet(width, height, pixels, actions, starts);
        set.Validate(path);
        return set;
    }
}
