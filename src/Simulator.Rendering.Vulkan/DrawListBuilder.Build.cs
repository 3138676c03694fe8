using System.Numerics;
using Simulator.Core;

namespace Simulator.Rendering.Vulkan;

internal sealed unsafe partial class DrawListBuilder
{
    /// <summary>
    /// Builds the frame of cameras [0, <paramref name="envCount"/>): their constants into <paramref name="envs"/>
    /// (each with its layer inside its pass) and, unless <paramref name="clearOnly"/>, their draw records into
    /// <paramref name="records"/> (at least <see cref="RecordCapacity"/>) and the draw list.
    /// </summary>
    public void Build(float aspect, int envCount, bool clearOnly, EnvGpu* envs, DrawRecordGpu* records)
    {
        if (envCount < 1 || envCount > EnvCount)
        {
            throw new ArgumentOutOfRangeException(nameof(envCount), envCount, $"a frame draws 1..{EnvCount} cameras");
        }
        IReadOnlyList<StaticSetLayout> sets = _geometry.StaticSetLayouts;
        int passes = ActivePasses(envCount);
        for (int pass = 0; pass < passes; pass++)
        {
            int end = Math.Min(_passStarts[pass + 1], envCount);
            for (int e = _passStarts[pass]; e < end; e++)
            {
                int set = _envs[e].StaticSet;
                if (set < -1 || set >= sets.Count)
                {
                    throw new SimInputException($"static set {set} does not exist ({sets.Count} loaded)", path: $"envs[{e}].staticSet");
                }
                EnvGpuBuilder.Build(in _envs[e], aspect, envs + e);
                envs[e].Layer = (uint)(e - _passStarts[pass]);
                Frustum.FromClipMatrix(envs[e].ViewProj, _frustums.AsSpan(e * 6, 6));
            }
        }
        _drawCount = 0;
        Array.Clear(_passDrawEnds);
        if (clearOnly)
        {
            return;
        }
        int rec = 0;
        for (int pass = 0; pass < passes; pass++)
        {
            AddPassDraws(records, envs, ref rec, _passStarts[pass], Math.Min(_passStarts[pass + 1], envCount));
            _passDrawEnds[pass] = _drawCount;
        }
    }

    private void AddPassDraws(DrawRecordGpu* records, EnvGpu* envs, ref int rec, int envBegin, int envEnd)
    {
        IReadOnlyList<StaticSetLayout> sets = _geometry.StaticSetLayouts;
        for (int s = 0; s < sets.Count; s++)
        {
            foreach (StaticSetLayout.Chunk chunk in sets[s].Chunks)
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
                    AddDraw(new DrawCommand(s, -1, chunk.FirstIndex, chunk.IndexCount, (uint)first, (uint)(rec - first)));
                }
            }
        }
        // Counting sort of the pass's instances by mesh: one draw per mesh, camera order kept inside each group.
        int meshes = _geometry.MeshCount;
        if (_meshCounts.Length < meshes)
        {
            _meshCounts = new int[meshes];
            _meshCursor = new int[meshes];
        }
        Array.Clear(_meshCounts, 0, meshes);
        for (int e = envBegin; e < envEnd; e++)
        {
            for (int k = 0; k < _instanceCounts[e]; k++)
            {
                _meshCounts[_instances[e * MaxInstancesPerEnv + k].Mesh]++;
            }
        }
        int cursor = rec;
        for (int m = 0; m < meshes; m++)
        {
            _meshCursor[m] = cursor;
            cursor += _meshCounts[m];
        }
        for (int e = envBegin; e < envEnd; e++)
        {
            for (int k = 0; k < _instanceCounts[e]; k++)
            {
                ref PropInstance p = ref _instances[e * MaxInstancesPerEnv + k];
                WriteRecord(records + _meshCursor[p.Mesh]++, envs + e, p.Position, p.Yaw, p.Scale, p.Color, p.Class, p.InstanceId);
            }
        }
        for (int m = 0; m < meshes; m++)
        {
            if (_meshCounts[m] > 0)
            {
                uint first = (uint)(_meshCursor[m] - _meshCounts[m]);
                AddDraw(new DrawCommand(-1, m, 0, _geometry.MeshIndexCount(m), first, (uint)_meshCounts[m]));
            }
        }
        rec = cursor;
    }

    /// <summary>Resolves one object of camera <paramref name="env"/> into its draw record (see <see cref="DrawRecordGpu"/>).</summary>
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

    private void AddDraw(DrawCommand draw)
    {
        if (_drawCount == _draws.Length)
        {
            Array.Resize(ref _draws, _drawCount * 2); // grows only when meshes or static sets were added
        }
        _draws[_drawCount++] = draw;
    }

    /// <summary>
    /// Per camera of [0, <paramref name="envCount"/>), the instances that may appear in its boxes (static-set parts
    /// with ids, then props with ids, in input order), captured at submit because inputs may change afterwards.
    /// </summary>
    public void CaptureBoxCandidates(int envCount, Span<uint> ids, Span<SemanticClass> classes, Span<int> counts)
    {
        IReadOnlyList<StaticSetLayout> sets = _geometry.StaticSetLayouts;
        int perEnv = BoxesPerEnv;
        for (int e = 0; e < envCount; e++)
        {
            int count = 0;
            int baseIndex = e * perEnv;
            int set = _envs[e].StaticSet;
            if (set >= 0)
            {
                foreach ((uint id, SemanticClass cls) in sets[set].BoxParts)
                {
                    ids[baseIndex + count] = id;
                    classes[baseIndex + count++] = cls;
                }
            }
            for (int k = 0; k < _instanceCounts[e]; k++)
            {
                ref PropInstance p = ref _instances[e * MaxInstancesPerEnv + k];
                if (p.InstanceId != 0)
                {
                    ids[baseIndex + count] = p.InstanceId;
                    classes[baseIndex + count++] = p.Class;
                }
            }
            counts[e] = count;
        }
    }
}
