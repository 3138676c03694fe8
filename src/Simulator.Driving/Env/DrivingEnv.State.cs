using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Simulator.Core;
using Simulator.Driving.Scenes;
using Simulator.World;

namespace Simulator.Driving.Env;

// Checkpoints: the whole simulation state after a Reset/Step, for seeking in recordings (restore, then re-simulate).
// Layout (little endian): magic "DENV", u16 format version, u16 reserved (0), u32 total length, u64 checksum of the
// bytes after the header; then the payload: u64 scene fingerprint, scene name (u16 length + UTF-8), autopilot flag,
// steer noise (double bits), env index, then the simulation (see DrivingEnv.StateBody.cs).
public sealed partial class DrivingEnv
{
    private const uint StateMagic = 0x564E4544; // "DENV" as bytes
    private const ushort StateVersion = 2; // 2: the ego's yield failures and yield reward term
    private const int StateHeaderSize = 20;

    private readonly StateWriter _stateWriter = new(4096);
    private ulong _sceneFingerprint;
    private byte[]? _sceneNameUtf8;

    /// <summary>
    /// Writes the env's complete simulation state after its last Reset/Step (every component and system value that
    /// the next steps depend on, random stream states, step index, episode), so that <see cref="LoadState(ReadOnlySpan{byte})"/>
    /// on another env of the same scene and options continues bit-identically (same state hashes, snapshots,
    /// rewards). Allocates nothing once the env's own buffer has grown, when <paramref name="output"/> has room.
    /// A host component that does not implement <see cref="IStateful"/> cannot be saved: that is a
    /// <see cref="SimInputException"/> naming its type (re-simulate from the episode start instead).
    /// </summary>
    public void SaveState(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var bytes = WriteState();
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    /// <summary>The state as a new array (see <see cref="SaveState(IBufferWriter{byte})"/>).</summary>
    public byte[] SaveState() => WriteState().ToArray();

    /// <summary>
    /// Restores a state written by <see cref="SaveState(IBufferWriter{byte})"/> (the env need not have been reset).
    /// A state of another scene, another format version, or damaged bytes is refused with a clear
    /// <see cref="Core.SimInputException"/> and leaves the env needing a Reset.
    /// </summary>
    public void LoadState(ReadOnlySpan<byte> state)
    {
        _needsReset = true;
        _hasEpisode = false;
        int bodyOffset = CheckHeader(state);
        try
        {
            ReadBody(state, bodyOffset);
        }
        catch
        {
            _needsReset = true;
            _hasEpisode = false;
            throw;
        }
    }

    /// <summary>As <see cref="LoadState(ReadOnlySpan{byte})"/>, and writes the restored observation (what the last Step wrote).</summary>
    public void LoadState(ReadOnlySpan<byte> state, Span<float> observation)
    {
        LoadState(state);
        Observation.Write(Ego, _ctx, observation);
    }

    private ReadOnlySpan<byte> WriteState()
    {
        if (!_hasEpisode)
        {
            throw new InvalidOperationException("there is no episode to save: call Reset (or LoadState) first");
        }
        var w = _stateWriter;
        w.Clear();
        w.WriteUInt32(StateMagic);
        w.WriteUInt16(StateVersion);
        w.WriteUInt16(0);
        w.WriteUInt32(0); // length, patched below
        w.WriteUInt64(0); // checksum, patched below
        EnsureFingerprint();
        w.WriteUInt64(_sceneFingerprint);
        w.WriteUInt16((ushort)_sceneNameUtf8!.Length);
        w.WriteBytes(_sceneNameUtf8);
        w.WriteBool(_options.Autopilot);
        w.WriteDouble(_options.AutopilotSteerNoise);
        w.WriteInt32(EnvIndex);
        WriteBody(w);
        var all = w.WrittenMutable;
        BinaryPrimitives.WriteUInt32LittleEndian(all[8..], (uint)all.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(all[12..], Checksum(all[StateHeaderSize..]));
        return w.Written;
    }

    /// <summary>Checks everything before the simulation values; returns the offset where they start.</summary>
    private int CheckHeader(ReadOnlySpan<byte> state)
    {
        if (state.IsEmpty)
        {
            throw new SimInputException("state is empty (0 bytes)");
        }
        if (state.Length < 4 || BinaryPrimitives.ReadUInt32LittleEndian(state) != StateMagic)
        {
            throw new SimInputException(state.Length < 4 && "DENV"u8.StartsWith(state)
                ? $"state ends after {state.Length} bytes, inside its {StateHeaderSize}-byte header"
                : "not a driving-env state (it does not start with 'DENV')");
        }
        if (state.Length < StateHeaderSize)
        {
            throw new SimInputException($"state ends after {state.Length} bytes, inside its {StateHeaderSize}-byte header");
        }
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(state[4..]);
        if (version != StateVersion)
        {
            throw new SimInputException($"state has format version {version}; this build reads version {StateVersion}",
                hint: "re-simulate from the start of the episode, or use the build that wrote it");
        }
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(state[8..]);
        if (BinaryPrimitives.ReadUInt16LittleEndian(state[6..]) != 0 || length < StateHeaderSize)
        {
            throw new SimInputException("state is damaged: its header is invalid");
        }
        if ((uint)state.Length < length)
        {
            throw new SimInputException($"state ends after {state.Length} of {length} bytes");
        }
        if ((uint)state.Length > length)
        {
            throw new SimInputException($"state has {state.Length - length} bytes after its end ({length} bytes)");
        }
        if (Checksum(state[StateHeaderSize..]) != BinaryPrimitives.ReadUInt64LittleEndian(state[12..]))
        {
            throw new SimInputException("state is damaged: its checksum does not match its contents");
        }
        var r = new StateReader(state);
        r.ReadBytes(StateHeaderSize);
        ulong fingerprint = r.ReadUInt64();
        string name = Encoding.UTF8.GetString(r.ReadBytes(r.ReadUInt16()));
        EnsureFingerprint();
        if (fingerprint != _sceneFingerprint)
        {
            throw new SimInputException(name == Scene.Name
                ? $"state is for another version of scene '{name}' (its description differs from the one this env runs)"
                : $"state is for scene '{name}', this env runs '{Scene.Name}'");
        }
        bool autopilot = r.ReadBool();
        double noise = r.ReadDouble();
        if (autopilot != _options.Autopilot || BitConverter.DoubleToInt64Bits(noise) != BitConverter.DoubleToInt64Bits(_options.AutopilotSteerNoise))
        {
            throw new SimInputException($"state was saved with autopilot {OnOff(autopilot, noise)}, this env has autopilot {OnOff(_options.Autopilot, _options.AutopilotSteerNoise)}",
                hint: "load it into an env with the same EnvOptions.Autopilot and AutopilotSteerNoise");
        }
        int envIndex = r.ReadInt32();
        if (envIndex != EnvIndex)
        {
            throw new SimInputException($"state is for env index {envIndex}, this env has index {EnvIndex}",
                hint: "create the env with the index the state was saved from (its random streams derive from it)");
        }
        return r.Position;
    }

    private static string OnOff(bool autopilot, double noise) =>
        !autopilot ? "off" : noise == 0 ? "on" : FormattableString.Invariant($"on (steer noise {noise})");

    /// <summary>The scene's identity: a hash of its description written back as scene JSON (computed once per env).</summary>
    private void EnsureFingerprint()
    {
        if (_sceneNameUtf8 is not null)
        {
            return;
        }
        string json = SceneWriter.Write(Scene.Description);
        ulong h = 14695981039346656037UL;
        foreach (char c in json)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        _sceneFingerprint = h;
        var name = Encoding.UTF8.GetBytes(Scene.Name);
        _sceneNameUtf8 = name.Length <= ushort.MaxValue ? name : name[..ushort.MaxValue];
    }

    /// <summary>64-bit checksum of the payload, eight bytes at a time (damage detection, not security).</summary>
    private static ulong Checksum(ReadOnlySpan<byte> data)
    {
        const ulong Prime = 0x9E3779B97F4A7C15UL;
        ulong h = 0xC2B2AE3D27D4EB4FUL ^ (ulong)data.Length;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(data[i..])) * Prime;
            h ^= h >> 29;
        }
        for (; i < data.Length; i++)
        {
            h = (h ^ data[i]) * Prime;
            h ^= h >> 29;
        }
        h ^= h >> 32;
        h *= 0xD6E8FEB86659FD93UL;
        return h ^ (h >> 32);
    }
}
