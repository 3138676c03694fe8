using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Scenes;
using Simulator.Learning.Env;
using Simulator.Perception.Loop;

namespace Simulator.Learning.Driving;

/// <summary>
/// Perception as an agent observation: a pass-through over a <see cref="DrivingVectorEnv"/> whose ego has the front
/// camera at the perception models' size. After every Reset and Step it runs the <see cref="PerceptionStage"/> on the
/// driving env's raw RGBA camera frames (batched, <see cref="PerceptionStage.MaxBatch"/> frames per run) and exposes
/// <see cref="Vectors"/> = the driving env's vector observation followed by <see cref="PerceptionFeatures"/> per env;
/// the same for the final observations of envs that ended (run on their final frames). <see cref="Images"/> are the
/// driving env's (pixels beside perception) or none (perception instead of pixels). The stage runs on the first read
/// of the observations after a Reset/Step, so the caller's bookkeeping overlaps the render as with the driving env.
/// Owns the driving env and the stage; stepping allocates nothing beyond what the stage does.
/// </summary>
public sealed class PerceptionVectorEnv : IDrivingVectorEnv
{
    private readonly DrivingVectorEnv _env;
    private readonly PerceptionStage _stage;
    private readonly int _innerSize;
    private readonly int _size;
    private readonly float[] _vectors;
    private readonly float[] _finalVectors;
    private readonly byte[] _finalFrames;
    private readonly int[] _finalRows;
    private readonly bool[] _ended;
    private bool _stale;
    private bool _finalStale;

    /// <summary>Wraps <paramref name="env"/>; on success the wrapper owns it and <paramref name="stage"/> (on failure
    /// the caller still does). Fails with a <see cref="SimInputException"/> naming the scene when an ego's camera is
    /// not <see cref="PerceptionStage.Camera"/>.</summary>
    public PerceptionVectorEnv(DrivingVectorEnv env, PerceptionStage stage, bool pixels)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(stage);
        RequireCamera(env.Inner, stage.Camera);
        _env = env;
        _stage = stage;
        Pixels = pixels;
        NumEnvs = env.NumEnvs;
        _innerSize = env.ObservationSpec.VectorSize;
        _size = _innerSize + PerceptionFeatures.Size;
        ObservationSpec = pixels ? env.ObservationSpec with { VectorSize = _size } : ObservationSpec.VectorOnly(_size);
        _vectors = new float[NumEnvs * _size];
        _finalVectors = new float[NumEnvs * _size];
        _finalFrames = GC.AllocateArray<byte>(NumEnvs * stage.FrameBytes, pinned: true);
        _finalRows = new int[NumEnvs];
        _ended = new bool[NumEnvs];
    }

    public int NumEnvs { get; }
    public ObservationSpec ObservationSpec { get; }
    public ActionSpec ActionSpec => _env.ActionSpec;

    /// <summary>True: the driving env's pixels pass through; false: perception features instead of pixels.</summary>
    public bool Pixels { get; }

    public DrivingVectorEnv DrivingEnv => _env;
    public PerceptionStage Stage => _stage;

    public ReadOnlySpan<byte> Images => Pixels ? _env.Images : default;

    public ReadOnlySpan<float> Vectors
    {
        get
        {
            if (_stale)
            {
                _stale = false;
                Perceive(_env.Inner.Images, _env.Vectors, _vectors);
            }
            return _vectors;
        }
    }

    public bool HasFinalObservations => true;
    public ReadOnlySpan<byte> FinalImages => Pixels ? _env.FinalImages : default;

    /// <summary>Rows of the envs that ended in the last Step: their final vector followed by the perception features
    /// of their final frame (other rows unspecified).</summary>
    public ReadOnlySpan<float> FinalVectors
    {
        get
        {
            if (_finalStale)
            {
                _finalStale = false;
                PerceiveFinal();
            }
            return _finalVectors;
        }
    }

    public void Reset(ulong seed) => Reset(seed, 0);

    public void Reset(ulong seed, int firstIndex)
    {
        _env.Reset(seed, firstIndex);
        _stale = true;
        _finalStale = false;
    }

    public void Step(ReadOnlySpan<float> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        _env.Step(actions, rewards, terminated, truncated);
        bool any = false;
        for (int n = 0; n < NumEnvs; n++)
        {
            _ended[n] = terminated[n] || truncated[n];
            any |= _ended[n];
        }
        _stale = true;
        _finalStale = any;
    }

    // Every env's frame, in batches of the stage's size: inner vector row, then the features of its frame.
    private void Perceive(ReadOnlySpan<byte> frames, ReadOnlySpan<float> inner, Span<float> into)
    {
        int bytes = _stage.FrameBytes;
        for (int start = 0; start < NumEnvs; start += _stage.MaxBatch)
        {
            int count = Math.Min(_stage.MaxBatch, NumEnvs - start);
            _stage.Run(frames.Slice(start * bytes, count * bytes), count);
            for (int j = 0; j < count; j++)
            {
                Write(start + j, _stage[j], inner, into);
            }
        }
    }

    // Only the envs that ended: their final frames gathered into one block, run, written to their rows.
    private void PerceiveFinal()
    {
        ReadOnlySpan<byte> frames = _env.Inner.FinalImages;
        ReadOnlySpan<float> inner = _env.FinalVectors;
        int bytes = _stage.FrameBytes;
        int ended = 0;
        for (int n = 0; n < NumEnvs; n++)
        {
            if (_ended[n])
            {
                frames.Slice(n * bytes, bytes).CopyTo(_finalFrames.AsSpan(ended * bytes, bytes));
                _finalRows[ended++] = n;
            }
        }
        for (int start = 0; start < ended; start += _stage.MaxBatch)
        {
            int count = Math.Min(_stage.MaxBatch, ended - start);
            _stage.Run(_finalFrames.AsSpan(start * bytes, count * bytes), count);
            for (int j = 0; j < count; j++)
            {
                Write(_finalRows[start + j], _stage[j], inner, _finalVectors);
            }
        }
    }

    private void Write(int env, PerceptionResult result, ReadOnlySpan<float> inner, Span<float> into)
    {
        Span<float> row = into.Slice(env * _size, _size);
        inner.Slice(env * _innerSize, _innerSize).CopyTo(row);
        PerceptionFeatures.Write(result, _stage.Width, _stage.Height, row[_innerSize..]);
    }

    /// <summary>Every env's ego must carry <paramref name="expected"/> (mount and size; depth and segmentation may differ).</summary>
    public static void RequireCamera(VectorEnv env, SensorSpec expected)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(expected);
        CameraSpec want = expected.Camera!;
        for (int i = 0; i < env.Count; i++)
        {
            DrivingEnv e = env[i];
            if (i > 0 && ReferenceEquals(e.Scene, env[i - 1].Scene))
            {
                continue;
            }
            string hint = $"give the ego this camera sensor: {SceneWriter.WriteSensors([expected])} (a scene's egos[0].sensors, " +
                "the trainer config's generator.ego_sensors), or use perception models of the camera's size";
            if (!e.HasCamera)
            {
                throw new SimInputException($"scene '{e.Scene.Name}' gives its ego no camera, but the perception models need the front camera {Describe(want)}",
                    e.Scene.Description.SourceFile, "$.egos[0].sensors", hint: hint);
            }
            SensorSpec camera = e.Observation.Cameras[0];
            CameraSpec have = camera.Camera! with { Depth = false, Segmentation = false };
            if (have != (want with { Depth = false, Segmentation = false }))
            {
                throw new SimInputException($"scene '{e.Scene.Name}' has the camera '{camera.Name}' {Describe(have)}, but the perception models need the front camera {Describe(want)}",
                    e.Scene.Description.SourceFile, camera.Path, hint: hint);
            }
        }
    }

    private static string F(double v) => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(CameraSpec c) =>
        $"{c.Width}×{c.Height}, fov {F(c.FovDegrees)}°, at x {F(c.X)} y {F(c.Y)} z {F(c.Z)} m, pitch {F(c.Pitch)}° yaw {F(c.Yaw)}° roll {F(c.Roll)}°";

    public void Dispose()
    {
        _stage.Dispose();
        _env.Dispose();
    }
}
