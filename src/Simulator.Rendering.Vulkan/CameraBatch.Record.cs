using System.Diagnostics;
using System.Numerics;
using Simulator.Core;
using Silk.NET.Vulkan;

namespace Simulator.Rendering.Vulkan;

public sealed unsafe partial class CameraBatch
{
    private BatchTimings _timings;
    private DrawCommand[] _draws = new DrawCommand[16];
    private int[] _meshCounts = new int[8];
    private int[] _meshCursor = new int[8];

    /// <summary>Phase timers accumulated since creation or <see cref="ResetTimings"/>.</summary>
    public BatchTimings Timings => _timings;

    public void ResetTimings() => _timings = default;

    private long SubmitFrame(bool clearOnly, int envCount)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long frame = _nextFrame;
        FrameSlot slot = _slots[(int)(frame % _slots.Length)];
        long t0 = Stopwatch.GetTimestamp();
        // Reusing a slot invalidates the view of frame t-FramesInFlight: wait until the GPU is done with it.
        WaitSlot(slot);
        long t1 = Stopwatch.GetTimestamp();
        BuildInputs(slot, clearOnly, envCount);
        long t2 = Stopwatch.GetTimestamp();
        RecordCommands(slot, clearOnly, envCount);
        long t3 = Stopwatch.GetTimestamp();
        CommandBuffer cb = slot.CommandBuffer;
        var submit = new SubmitInfo { SType = StructureType.SubmitInfo, CommandBufferCount = 1, PCommandBuffers = &cb };
        VkCheck.Check(_ctx.Api.QueueSubmit(_ctx.Queue, 1, &submit, slot.Fence));
        long t4 = Stopwatch.GetTimestamp();
        slot.Frame = frame;
        _slotEnvCounts[(int)(frame % _slots.Length)] = envCount;
        slot.Pending = true;
        slot.BoxesReady = false;
        _nextFrame = frame + 1;
        _timings.Frames++;
        _timings.BuildTicks += t2 - t1;
        _timings.RecordTicks += t3 - t2;
        _timings.SubmitTicks += (t4 - t3) + (t1 - t0);
        return frame;
    }

    /// <summary>Writes env constants and draw records into the slot's mapped buffers and builds the draw list, render
    /// pass by render pass: in each, one instanced draw per static-set chunk (all of the pass's envs that use the set
    /// and see the chunk) and one per prop mesh (all of the pass's instances). <see cref="_passDrawEnds"/> marks where
    /// each pass's draws end. Only envs [0, envCount) are built.</summary>
    private void BuildInputs(FrameSlot slot, bool clearOnly, int envCount)
    {
        float aspect = (float)Width / Height;
        var envPtr = (EnvGpu*)slot.Envs.Pointer;
        IReadOnlyList<StaticSetGpu> sets = _renderer.StaticSets;
        for (int pass = 0; pass < RenderPasses; pass++)
        {
            for (int e = _passStarts[pass]; e < Math.Min(_passStarts[pass + 1], envCount); e++)
            {
                int set = _envs[e].StaticSet;
                if (set < -1 || set >= sets.Count)
                {
                    throw new SimInputException($"static set {set} does not exist ({sets.Count} loaded)", path: $"envs[{e}].staticSet");
                }
                EnvGpuBuilder.Build(in _envs[e], aspect, envPtr + e);
                envPtr[e].Layer = (uint)(e - _passStarts[pass]);
                Frustum.FromClipMatrix(envPtr[e].ViewProj, _frustums.AsSpan(e * 6, 6));
            }
        }
        CaptureBoxCandidates(slot, envCount);
        if (clearOnly)
        {
            Array.Clear(_passDrawEnds);
            return;
        }
        var records = (DrawRecordGpu*)slot.Records.Pointer;
        int rec = 0;
        int draws = 0;
        for (int pass = 0; pass < RenderPasses; pass++)
        {
            AddPassDraws(records, envPtr, ref rec, ref draws, _passStarts[pass], Math.Min(_passStarts[pass + 1], envCount));
            _passDrawEnds[pass] = draws;
        }
    }

    private void AddPassDraws(DrawRecordGpu* records, EnvGpu* envs, ref int rec, ref int draws, int envBegin, int envEnd)
    {
        IReadOnlyList<StaticSetGpu> sets = _renderer.StaticSets;
        for (int s = 0; s < sets.Count; s++)
        {
            StaticSetGpu set = sets[s];
            foreach (StaticSetGpu.Chunk chunk in set.Chunks)
            {
                int first = rec;
                for (int e = envBegin; e < envEnd; e++)
                {
                    if (_envs[e].StaticSet == s && Frustum.IntersectsBox(_frustums.AsSpan(e * 6, 6), chunk.Min, chunk.Max))
                    {
                        WriteRecord(records + rec++, envs + e, Vector3.Zero, 0f, Vector3.One, chunk.Color, chunk.Class, chunk.InstanceId);
                    }
                }
                if (rec > first)
                {
                    AddDraw(ref draws, new DrawCommand(set.Mesh, chunk.FirstIndex, chunk.IndexCount, (uint)first, (uint)(rec - first)));
                }
            }
        }
        // Counting sort of the pass's instances by mesh: one draw per mesh, env order kept inside each group.
        IReadOnlyList<GpuMesh> meshes = _renderer.Meshes;
        if (_meshCounts.Length < meshes.Count)
        {
            _meshCounts = new int[meshes.Count];
            _meshCursor = new int[meshes.Count];
        }
        Array.Clear(_meshCounts, 0, meshes.Count);
        int maxPer = Description.MaxInstancesPerEnv;
        for (int e = envBegin; e < envEnd; e++)
        {
            for (int k = 0; k < _instanceCounts[e]; k++)
            {
                _meshCounts[_instances[e * maxPer + k].Mesh]++;
            }
        }
        int cursor = rec;
        for (int m = 0; m < meshes.Count; m++)
        {
            _meshCursor[m] = cursor;
            cursor += _meshCounts[m];
        }
        for (int e = envBegin; e < envEnd; e++)
        {
            for (int k = 0; k < _instanceCounts[e]; k++)
            {
                ref PropInstance p = ref _instances[e * maxPer + k];
                WriteRecord(records + _meshCursor[p.Mesh]++, envs + e, p.Position, p.Yaw, p.Scale, p.Color, p.Class, p.InstanceId);
            }
        }
        for (int m = 0; m < meshes.Count; m++)
        {
            if (_meshCounts[m] > 0)
            {
                uint first = (uint)(_meshCursor[m] - _meshCounts[m]);
                AddDraw(ref draws, new DrawCommand(meshes[m], 0, meshes[m].IndexCount, first, (uint)_meshCounts[m]));
            }
        }
        rec = cursor;
    }

    /// <summary>Resolves one object of env <paramref name="env"/> into its draw record (see <see cref="DrawRecordGpu"/>).</summary>
    private static void WriteRecord(DrawRecordGpu* r, EnvGpu* env, Vector3 position, float yaw, Vector3 scale, Vector3 color, SemanticClass cls, uint id)
    {
        // Zero scale would divide the normal by zero in the shader; treat it as "not set" (unit scale).
        Vector3 s = scale == Vector3.Zero ? Vector3.One : scale;
        float c = MathF.Cos(yaw), sn = MathF.Sin(yaw);
        // model = T(position) · Rz(yaw) · S(scale), rows m[i] = (a, b, c, translation).
        Vector4 m0 = new(c * s.X, -sn * s.Y, 0f, position.X);
        Vector4 m1 = new(sn * s.X, c * s.Y, 0f, position.Y);
        Vector4 m2 = new(0f, 0f, s.Z, position.Z);
        float* vp = env->ViewProj; // column-major: element (row, col) at [col * 4 + row]
        for (int row = 0; row < 4; row++)
        {
            float a0 = vp[row], a1 = vp[4 + row], a2 = vp[8 + row], a3 = vp[12 + row];
            r->Mvp[row] = a0 * m0.X + a1 * m1.X + a2 * m2.X;
            r->Mvp[4 + row] = a0 * m0.Y + a1 * m1.Y + a2 * m2.Y;
            r->Mvp[8 + row] = a0 * m0.Z + a1 * m1.Z + a2 * m2.Z;
            r->Mvp[12 + row] = a0 * m0.W + a1 * m1.W + a2 * m2.W + a3;
        }
        Vector3 cam = new(env->CameraPos.X, env->CameraPos.Y, env->CameraPos.Z);
        float density = env->SunColor.W;
        Vector4 d0 = m0 - new Vector4(0, 0, 0, cam.X), d1 = m1 - new Vector4(0, 0, 0, cam.Y), d2 = m2 - new Vector4(0, 0, 0, cam.Z);
        r->FogRow0 = d0 * density;
        r->FogRow1 = d1 * density;
        r->FogRow2 = d2 * density;
        Vector4 f = env->CameraForward;
        r->DepthRow = f.X * d0 + f.Y * d1 + f.Z * d2;
        r->NormalRot = new Vector4(c, sn, env->Layer, 0f);
        r->InvScale = new Vector4(1f / s.X, 1f / s.Y, 1f / s.Z, 0f);
        Vector3 albedo = color;
        if (cls == SemanticClass.Road)
        {
            albedo *= new Vector3(env->RoadTint.X, env->RoadTint.Y, env->RoadTint.Z);
        }
        else if (cls == SemanticClass.Terrain)
        {
            albedo *= new Vector3(env->GrassTint.X, env->GrassTint.Y, env->GrassTint.Z);
        }
        r->Ambient = new Vector4(albedo * new Vector3(env->Ambient.X, env->Ambient.Y, env->Ambient.Z), 0f);
        r->Sun = new Vector4(albedo * (env->SunDir.W * new Vector3(env->SunColor.X, env->SunColor.Y, env->SunColor.Z)), 0f);
        r->SunDir = new Vector4(env->SunDir.X, env->SunDir.Y, env->SunDir.Z, 0f);
        r->FogColor = env->FogColor;
        r->Seed = env->NoiseSeed;
        r->Class = (uint)cls;
        r->InstanceId = id;
        r->SigmaBits = BitConverter.SingleToUInt32Bits(env->Ambient.W);
    }

    private void AddDraw(ref int count, DrawCommand draw)
    {
        if (count == _draws.Length)
        {
            Array.Resize(ref _draws, count * 2); // grows only when meshes or static sets were added
        }
        _draws[count++] = draw;
    }

    private void CaptureBoxCandidates(FrameSlot slot, int envCount)
    {
        if ((Outputs & RenderOutputs.Boxes) == 0)
        {
            return;
        }
        IReadOnlyList<StaticSetGpu> sets = _renderer.StaticSets;
        for (int e = 0; e < envCount; e++)
        {
            int count = 0;
            int baseIndex = e * _boxesPerEnv;
            int set = _envs[e].StaticSet;
            if (set >= 0)
            {
                foreach ((uint id, SemanticClass cls) in sets[set].BoxParts)
                {
                    slot.BoxIds[baseIndex + count] = id;
                    slot.BoxClasses[baseIndex + count++] = cls;
                }
            }
            for (int k = 0; k < _instanceCounts[e]; k++)
            {
                ref PropInstance p = ref _instances[e * Description.MaxInstancesPerEnv + k];
                if (p.InstanceId != 0)
                {
                    slot.BoxIds[baseIndex + count] = p.InstanceId;
                    slot.BoxClasses[baseIndex + count++] = p.Class;
                }
            }
            slot.BoxCandidateCounts[e] = count;
        }
    }

    private readonly record struct DrawCommand(GpuMesh Mesh, uint FirstIndex, uint IndexCount, uint FirstInstance, uint InstanceCount);
}
