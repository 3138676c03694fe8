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
    private const int PerStepBytes = 12 * 4 + 8 + 1;
    private const int PerActorBytes = 16;

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
        EnvInfo info = env.Info;
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
        int n = Count, actors = Math.Max(Actors, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(dst, FirstStep);
        BinaryPrimitives.WriteUInt16LittleEndian(dst[4..], (ushort)n);
        BinaryPrimitives.WriteUInt16LittleEndian(dst[6..], (ushort)actors);
        BinaryPrimitives.WriteUInt16LittleEndian(dst[8..], (ushort)Samples);
        BinaryPrimitives.WriteUInt16LittleEndian(dst[10..], 0);
        int o = HeaderBytes;
        foreach (float[] column in Columns())
        {
            for (int i = 0; i < n; i++, o += 4)
            {
                BinaryPrimitives.WriteSingleLittleEndian(dst[o..], column[i]);
            }
        }
        for (int i = 0; i < n; i++, o += 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(dst[o..], Hash[i]);
        }
        Flags.AsSpan(0, n).CopyTo(dst[o..]);
        o += n;
        for (int s = 0; s < Samples; s++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(dst[o..], SampleSteps[s]);
            o += 4;
            for (int a = 0; a < actors; a++, o += PerActorBytes)
            {
                int k = s * actors + a;
                BinaryPrimitives.WriteUInt32LittleEndian(dst[o..], SampleIds[k]);
                BinaryPrimitives.WriteSingleLittleEndian(dst[(o + 4)..], SamplePoses[3 * k]);
                BinaryPrimitives.WriteSingleLittleEndian(dst[(o + 8)..], SamplePoses[3 * k + 1]);
                BinaryPrimitives.WriteSingleLittleEndian(dst[(o + 12)..], SamplePoses[3 * k + 2]);
            }
        }
        return o;
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
        foreach (float[] column in b.Columns())
        {
            for (int i = 0; i < n; i++, o += 4)
            {
                column[i] = BinaryPrimitives.ReadSingleLittleEndian(src[o..]);
            }
        }
        for (int i = 0; i < n; i++, o += 8)
        {
            b.Hash[i] = BinaryPrimitives.ReadUInt64LittleEndian(src[o..]);
        }
        src.Slice(o, n).CopyTo(b.Flags);
        o += n;
        b.SampleSteps = new uint[samples];
        b.SampleIds = new uint[samples * actors];
        b.SamplePoses = new float[samples * actors * 3];
        for (int s = 0; s < samples; s++)
        {
            b.SampleSteps[s] = BinaryPrimitives.ReadUInt32LittleEndian(src[o..]);
            o += 4;
            for (int a = 0; a < actors; a++, o += PerActorBytes)
            {
                int k = s * actors + a;
                b.SampleIds[k] = BinaryPrimitives.ReadUInt32LittleEndian(src[o..]);
                b.SamplePoses[3 * k] = BinaryPrimitives.ReadSingleLittleEndian(src[(o + 4)..]);
                b.SamplePoses[3 * k + 1] = BinaryPrimitives.ReadSingleLittleEndian(src[(o + 8)..]);
                b.SamplePoses[3 * k + 2] = BinaryPrimitives.ReadSingleLittleEndian(src[(o + 12)..]);
            }
        }
        return b;
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

    private float[][] Columns() => [Steer, Accel, AppliedSteer, AppliedAccel, Speed, Reward, Progress, SpeedTerm, Centering, OffRoad, Collision, Smoothness];
}
