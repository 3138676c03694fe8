using System.Buffers.Binary;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Snapshots;

namespace Simulator.Recording;

/// <summary>
/// Consecutive steps of a recording in columns (the layout of <c>/sim/steps</c>, see
/// <see cref="Telemetry.Channels.RecordingChannels.Steps"/>): filled on the simulation thread without allocating,
/// encoded on the writer thread, decoded by replay. Step k is the state after the k-th Step of the episode.
/// </summary>
internal sealed class StepBlock
{
    public const int HeaderBytes = 12;
    private const int PerStepBytes = 2 * 4 + 10 * 2 + 8 + 1;
    private const int PerActorBytes = 16; // u32 id and three i32 (x, y in mm; yaw in 1e-4 rad)

    public StepBlock(int capacity)
    {
        Capacity = capacity;
        Steer = new float[capacity];
        Accel = new float[capacity];
        AppliedSteer = new float[capacity];
        AppliedAccel = new float[capacity];
        Speed = new float[capacity];
        Reward = new float[capacity];
        Progress = new float[capacity];
        SpeedTerm = new float[capacity];
        Centering = new float[capacity];
        OffRoad = new float[capacity];
        Collision = new float[capacity];
        Smoothness = new float[capacity];
        Hash = new ulong[capacity];
        Flags = new byte[capacity];
    }

    public int Capacity { get; }
    public uint FirstStep;
    public int Count;
    public int Actors;
    public int Samples;
    public readonly float[] Steer, Accel, AppliedSteer, AppliedAccel, Speed, Reward, Progress, SpeedTerm, Centering, OffRoad, Collision, Smoothness;
    public readonly ulong[] Hash;
    public readonly byte[] Flags;
    public uint[] SampleSteps = [];
    /// <summary>Per sample, per actor: instance id, x, y, yaw.</summary>
    public uint[] SampleIds = [];
    public float[] SamplePoses = [];

    /// <summary>Events of these steps (few; encoded as JSON messages beside the block).</summary>
    public readonly List<RecordedEvent> Events = [];

    public long LastStep => FirstStep + Count - 1;

    public void Clear(uint firstStep)
    {
        FirstStep = firstStep;
        Count = 0;
        Samples = 0;
        Actors = -1;
        Events.Clear();
    }

    /// <summary>Appends one step (after env.Step) on the simulation thread.</summary>
    public void Add(DrivingAction action, in StepOutcome outcome, DrivingEnv env, ulong hash)
    {
        int i = Count++;
        ref readonly EnvInfo info = ref env.Info;
        Steer[i] = action.Steer;
        Accel[i] = action.Accel;
        DrivingAction applied = env.Ego.LastAction;
        AppliedSteer[i] = applied.Steer;
        AppliedAccel[i] = applied.Accel;
        Speed[i] = (float)info.Speed;
        Reward[i] = outcome.Reward;
        Progress[i] = (float)info.Reward.Progress;
        SpeedTerm[i] = (float)info.Reward.Speed;
        Centering[i] = (float)info.Reward.Centering;
        OffRoad[i] = (float)info.Reward.OffRoad;
        Collision[i] = (float)info.Reward.Collision;
        Smoothness[i] = (float)info.Reward.Smoothness;
        Hash[i] = hash;
        Flags[i] = (byte)((outcome.Terminated ? 1 : 0) | (outcome.Truncated ? 2 : 0) | (info.ActionSanitized ? 4 : 0));
    }

    /// <summary>Appends the poses of the moving actors (ego, traffic, walkers) of the snapshot at <paramref name="step"/>.</summary>
    public void AddSample(uint step, WorldSnapshot snapshot)
    {
        ReadOnlySpan<ActorSnapshot> actors = snapshot.Actors;
        int moving = 0;
        foreach (ref readonly ActorSnapshot a in actors)
        {
            moving += IsMoving(a.Kind) ? 1 : 0;
        }
        if (Actors < 0)
        {
            Actors = moving;
        }
        if (moving != Actors)
        {
            return; // the actor set changed inside the block: keep the block's layout, skip this sample
        }
        int need = (Samples + 1) * Actors;
        if (SampleSteps.Length < Samples + 1)
        {
            Array.Resize(ref SampleSteps, Math.Max(Samples + 1, 16));
        }
        if (SampleIds.Length < need)
        {
            Array.Resize(ref SampleIds, Math.Max(need, 16 * Math.Max(1, Actors)));
            Array.Resize(ref SamplePoses, SampleIds.Length * 3);
        }
        SampleSteps[Samples] = step;
        int k = Samples * Actors;
        foreach (ref readonly ActorSnapshot a in actors)
        {
            if (IsMoving(a.Kind))
            {
                SampleIds[k] = a.InstanceId;
                SamplePoses[3 * k] = a.Position.X;
                SamplePoses[3 * k + 1] = a.Position.Y;
                SamplePoses[3 * k + 2] = a.Yaw;
                k++;
            }
        }
        Samples++;
    }

    private static bool IsMoving(ActorKind kind) => kind is ActorKind.Ego or ActorKind.Traffic or ActorKind.Pedestrian;

    public int EncodedSize => HeaderBytes + Count * PerStepBytes + Samples * (4 + Math.Max(Actors, 0) * PerActorBytes);

    public int Encode(Span<byte> dst)
    {
        int n = Count, actors = Math.Max(Actors, 0), m = Samples * actors;
        BinaryPrimitives.WriteUInt32LittleEndian(dst, FirstStep);
        BinaryPrimitives.WriteUInt16LittleEndian(dst[4..], (ushort)n);
        BinaryPrimitives.WriteUInt16LittleEndian(dst[6..], (ushort)actors);
        BinaryPrimitives.WriteUInt16LittleEndian(dst[8..], (ushort)Samples);
        BinaryPrimitives.WriteUInt16LittleEndian(dst[10..], 0);
        int o = HeaderBytes;
        o += PackExact(Steer.AsSpan(0, n), dst[o..]);
        o += PackExact(Accel.AsSpan(0, n), dst[o..]);
        foreach (float[] column in HalfColumns())
        {
            o += PackHalf(column.AsSpan(0, n), dst[o..]);
        }
        for (int i = 0; i < n; i++, o += 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(dst[o..], Hash[i]);
        }
        Flags.AsSpan(0, n).CopyTo(dst[o..]);
        o += n;
        for (int s = 0; s < Samples; s++, o += 4)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(dst[o..], SampleSteps[s]);
        }
        for (int k = 0; k < m; k++, o += 4)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(dst[o..], SampleIds[k]);
        }
        // Each actor's x, y (mm) and yaw (1e-4 rad) as the change since the same actor one sample earlier.
        int values = 3 * m, lag = 3 * actors;
        for (int i = 0; i < values; i++)
        {
            int q = Quantize(SamplePoses[i], i % 3 == 2);
            int previous = i >= lag ? Quantize(SamplePoses[i - lag], i % 3 == 2) : 0;
            WritePlanes(dst[o..], values, i, ZigZag(q - previous));
        }
        return o + 4 * values;
    }

    /// <summary>Decodes a block; damaged or foreign bytes give <see cref="FormatException"/>.</summary>
    public static StepBlock Decode(ReadOnlySpan<byte> src)
    {
        if (src.Length < HeaderBytes)
        {
            throw new FormatException($"step block of {src.Length} bytes is shorter than its header");
        }
        uint first = BinaryPrimitives.ReadUInt32LittleEndian(src);
        int n = BinaryPrimitives.ReadUInt16LittleEndian(src[4..]);
        int actors = BinaryPrimitives.ReadUInt16LittleEndian(src[6..]);
        int samples = BinaryPrimitives.ReadUInt16LittleEndian(src[8..]);
        long need = HeaderBytes + (long)n * PerStepBytes + (long)samples * (4 + (long)actors * PerActorBytes);
        if (n == 0 || first == 0 || need != src.Length)
        {
            throw new FormatException($"step block header (first step {first}, {n} steps, {actors} actors, {samples} samples) does not match its {src.Length} bytes");
        }
        var b = new StepBlock(n) { FirstStep = first, Count = n, Actors = actors, Samples = samples };
        int o = HeaderBytes;
        o += UnpackExact(src[o..], b.Steer.AsSpan(0, n));
        o += UnpackExact(src[o..], b.Accel.AsSpan(0, n));
        foreach (float[] column in b.HalfColumns())
        {
            o += UnpackHalf(src[o..], column.AsSpan(0, n));
        }
        for (int i = 0; i < n; i++, o += 8)
        {
            b.Hash[i] = BinaryPrimitives.ReadUInt64LittleEndian(src[o..]);
        }
        src.Slice(o, n).CopyTo(b.Flags);
        o += n;
        int m = samples * actors;
        b.SampleSteps = new uint[samples];
        b.SampleIds = new uint[m];
        b.SamplePoses = new float[3 * m];
        for (int s = 0; s < samples; s++, o += 4)
        {
            b.SampleSteps[s] = BinaryPrimitives.ReadUInt32LittleEndian(src[o..]);
        }
        for (int k = 0; k < m; k++, o += 4)
        {
            b.SampleIds[k] = BinaryPrimitives.ReadUInt32LittleEndian(src[o..]);
        }
        int values = 3 * m, lag = 3 * actors;
        var q = new int[values];
        for (int i = 0; i < values; i++)
        {
            q[i] = UnZigZag(ReadPlanes(src[o..], values, i)) + (i >= lag ? q[i - lag] : 0);
            b.SamplePoses[i] = i % 3 == 2 ? q[i] / YawScale : q[i] / PositionScale;
        }
        return b;
    }

    private const float PositionScale = 1000f, YawScale = 10000f;

    private static int Quantize(float v, bool yaw) => (int)Math.Clamp(MathF.Round(v * (yaw ? YawScale : PositionScale)), -2e9f, 2e9f);

    private static uint ZigZag(int v) => (uint)((v << 1) ^ (v >> 31));

    private static int UnZigZag(uint v) => (int)(v >> 1) ^ -(int)(v & 1);

    private static void WritePlanes(Span<byte> dst, int n, int i, uint bits)
    {
        dst[i] = (byte)bits;
        dst[n + i] = (byte)(bits >> 8);
        dst[2 * n + i] = (byte)(bits >> 16);
        dst[3 * n + i] = (byte)(bits >> 24);
    }

    private static uint ReadPlanes(ReadOnlySpan<byte> src, int n, int i) =>
        src[i] | (uint)src[n + i] << 8 | (uint)src[2 * n + i] << 16 | (uint)src[3 * n + i] << 24;

    /// <summary>
    /// Exact floats (the actions replay feeds back) as the XOR of each value's bits with the previous value's, in four
    /// byte planes: repeated or slowly changing values become runs of zero bytes, which zstd compresses well.
    /// </summary>
    private static int PackExact(ReadOnlySpan<float> values, Span<byte> dst)
    {
        int n = values.Length;
        for (int i = 0; i < n; i++)
        {
            WritePlanes(dst, n, i, BitConverter.SingleToUInt32Bits(values[i]) ^ (i > 0 ? BitConverter.SingleToUInt32Bits(values[i - 1]) : 0u));
        }
        return 4 * n;
    }

    private static int UnpackExact(ReadOnlySpan<byte> src, Span<float> values)
    {
        int n = values.Length;
        for (int i = 0; i < n; i++)
        {
            uint bits = ReadPlanes(src, n, i) ^ (i > 0 ? BitConverter.SingleToUInt32Bits(values[i - 1]) : 0u);
            values[i] = BitConverter.UInt32BitsToSingle(bits);
        }
        return 4 * n;
    }

    /// <summary>Display values (rewards, speed, applied controls) as half floats (3 significant digits), XOR with the previous, two planes.</summary>
    private static int PackHalf(ReadOnlySpan<float> values, Span<byte> dst)
    {
        int n = values.Length;
        ushort previous = 0;
        for (int i = 0; i < n; i++)
        {
            ushort bits = BitConverter.HalfToUInt16Bits((Half)values[i]);
            ushort x = (ushort)(bits ^ previous);
            dst[i] = (byte)x;
            dst[n + i] = (byte)(x >> 8);
            previous = bits;
        }
        return 2 * n;
    }

    private static int UnpackHalf(ReadOnlySpan<byte> src, Span<float> values)
    {
        int n = values.Length;
        ushort previous = 0;
        for (int i = 0; i < n; i++)
        {
            ushort bits = (ushort)((src[i] | src[n + i] << 8) ^ previous);
            values[i] = (float)BitConverter.UInt16BitsToHalf(bits);
            previous = bits;
        }
        return 2 * n;
    }

    public DrivingAction ActionAt(long step) => new(Steer[Index(step)], Accel[Index(step)]);

    public int Index(long step)
    {
        long i = step - FirstStep;
        if (i < 0 || i >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(step), $"step {step} is not in this block ({FirstStep}..{LastStep})");
        }
        return (int)i;
    }

    private float[][] HalfColumns() => [AppliedSteer, AppliedAccel, Speed, Reward, Progress, SpeedTerm, Centering, OffRoad, Collision, Smoothness];
}
