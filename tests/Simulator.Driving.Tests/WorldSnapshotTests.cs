using Simulator.Core;
using Simulator.Driving.Cameras;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Driving.Snapshots;
using Simulator.Rendering.Vulkan;

namespace Simulator.Driving.Tests;

/// <summary>The world snapshot an env fills after Reset and Step (no renderer needed).</summary>
public sealed class WorldSnapshotTests
{
    private static CompiledScene Urban(bool jitter = false)
    {
        var d = CameraSetups.WithCamera(SceneLoader.LoadFile(ShippedScenes.PathOf("urban-loop")), CameraSetups.Front(48, 32));
        if (jitter)
        {
            d = d with { Randomization = d.Randomization with { ColorJitter = (0.3, 0.3), CameraJitter = (0.2, 0.2), ImageNoise = (0.02, 0.02) } };
        }
        return SceneCompiler.Compile(d);
    }

    [Fact]
    public void Snapshot_lists_every_actor_with_its_kind_mesh_pose_and_id()
    {
        var env = new DrivingEnv(Urban());
        var obs = new float[env.Observation.VectorSize];
        env.Reset(3, obs);
        for (int t = 0; t < 10; t++)
        {
            env.Step(new DrivingAction(0, 0.5f), obs);
        }
        var s = env.Snapshot;
        Assert.Same(env.Scene, s.Scene);
        Assert.Equal(env.Scene.Name, s.SceneName);
        Assert.Equal(1, s.Episode);
        Assert.Equal(10, s.Step);
        Assert.Equal(env.World.Time, s.Time);
        var vehicles = env.World.Components<VehicleBody>();
        var props = env.World.Components<StaticProp>();
        var walkers = env.World.Components<Traffic.PedestrianWalker>();
        Assert.True(props.Length > 0 && walkers.Length > 0 && vehicles.Length > 1, "urban-loop has traffic, props and walkers");
        Assert.Equal(vehicles.Length + props.Length + walkers.Length, s.Actors.Length);
        for (int i = 0; i < vehicles.Length; i++)
        {
            var a = s.Actors[i];
            var v = vehicles[i];
            Assert.Equal(v.Kind, a.Kind);
            Assert.Equal(MeshKind.Car, a.Mesh);
            Assert.Equal((float)v.State.X, a.Position.X);
            Assert.Equal((float)v.State.Y, a.Position.Y);
            Assert.Equal((float)v.State.Yaw, a.Yaw);
            Assert.Equal(SemanticClass.Vehicle, a.Class);
            Assert.Equal((uint)v.Entity.Id + 1, a.InstanceId);
        }
        for (int i = 0; i < props.Length; i++)
        {
            var a = s.Actors[vehicles.Length + i];
            Assert.Equal(props[i].Kind, a.Kind);
            Assert.Equal((float)props[i].Placement.Pose.Position.X, a.Position.X);
            Assert.Equal((uint)props[i].Entity.Id + 1, a.InstanceId);
        }
        var w = s.Actors[^1];
        Assert.Equal(ActorKind.Pedestrian, w.Kind);
        Assert.Equal(MeshKind.Pedestrian, w.Mesh);
        Assert.Equal(SemanticClass.Pedestrian, w.Class);
    }

    [Fact]
    public void Camera_pose_follows_the_ego_pose_and_the_sensor_mount()
    {
        var env = new DrivingEnv(Urban());
        var obs = new float[env.Observation.VectorSize];
        env.Reset(4, obs);
        for (int t = 0; t < 30; t++)
        {
            env.Step(new DrivingAction(0.3f, 0.6f), obs);
        }
        var ego = env.Ego.Body.State;
        var mount = env.Observation.Cameras[0].Camera!;
        var cam = Assert.Single(env.Snapshot.Cameras.ToArray());
        double forward = mount.X;
        Assert.Equal(ego.X + Math.Cos(ego.Yaw) * forward - Math.Sin(ego.Yaw) * mount.Y, cam.Pose.Position.X, 3);
        Assert.Equal(ego.Y + Math.Sin(ego.Yaw) * forward + Math.Cos(ego.Yaw) * mount.Y, cam.Pose.Position.Y, 3);
        Assert.Equal(mount.Z, cam.Pose.Position.Z, 5);
        Assert.Equal(ego.Yaw + mount.Yaw * Math.PI / 180, cam.Pose.Yaw, 5);
        Assert.Equal(mount.Pitch * Math.PI / 180, cam.Pose.Pitch, 5);
        Assert.Equal(mount.FovDegrees * Math.PI / 180, cam.Pose.VerticalFov, 5);
        Assert.Equal((48, 32, RenderOutputs.Color), (cam.Width, cam.Height, cam.Outputs));
    }

    [Fact]
    public void Randomisation_is_drawn_once_per_episode_and_only_the_noise_seed_changes_per_step()
    {
        var env = new DrivingEnv(Urban(jitter: true));
        var obs = new float[env.Observation.VectorSize];
        env.Reset(7, obs);
        var first = env.Snapshot.Randomization;
        Assert.NotEqual(System.Numerics.Vector3.One, first.RoadTint);
        Assert.Equal(0.02f, first.NoiseSigma, 6);
        env.Step(default(DrivingAction), obs);
        var second = env.Snapshot.Randomization;
        Assert.Equal((first.RoadTint, first.GrassTint, first.SkyTint, first.CameraOffset, first.CameraAngleOffset),
            (second.RoadTint, second.GrassTint, second.SkyTint, second.CameraOffset, second.CameraAngleOffset));
        Assert.NotEqual(first.NoiseSeed, second.NoiseSeed);
        env.Reset(8, obs);
        Assert.NotEqual(first.RoadTint, env.Snapshot.Randomization.RoadTint);
        Assert.Equal(2, env.Snapshot.Episode);
    }

    [Fact]
    public void A_copy_is_independent_of_the_env_that_goes_on_stepping()
    {
        var env = new DrivingEnv(Urban());
        var obs = new float[env.Observation.VectorSize];
        env.Reset(5, obs);
        env.Step(new DrivingAction(0, 1), obs);
        var copy = new WorldSnapshot();
        env.Snapshot.CopyTo(copy);
        var clone = env.Snapshot.Clone();
        ulong hash = copy.ContentHash();
        Assert.Equal(env.Snapshot.ContentHash(), hash);
        Assert.Equal(hash, clone.ContentHash());
        var egoBefore = copy.Actors[0].Position;
        for (int t = 0; t < 20; t++)
        {
            env.Step(new DrivingAction(0, 1), obs);
        }
        Assert.NotEqual(hash, env.Snapshot.ContentHash());
        Assert.Equal(hash, copy.ContentHash());
        Assert.Equal(hash, clone.ContentHash());
        Assert.Equal(egoBefore, copy.Actors[0].Position);
        Assert.Equal(1, copy.Step);
    }

    [Fact]
    public void Filling_the_snapshot_allocates_nothing_in_steady_state()
    {
        var env = new DrivingEnv(Urban(jitter: true));
        var obs = new float[env.Observation.VectorSize];
        env.Reset(6, obs);
        var copy = new WorldSnapshot();
        for (int t = 0; t < 5; t++)
        {
            env.Step(new DrivingAction(0, 0.4f), obs);
            env.Snapshot.CopyTo(copy);
        }
        ulong sum = 0;
        Assert.Equal(0, ThreadAllocations.Smallest(() =>
        {
            for (int t = 0; t < 100 && !env.Step(new DrivingAction(0, 0.4f), obs).Done; t++)
            {
                env.Snapshot.CopyTo(copy);
                sum += copy.ContentHash();
            }
        }).Bytes);
        Assert.NotEqual(0UL, sum);
    }

    [Fact]
    public void Same_seed_and_actions_give_identical_snapshot_hashes()
    {
        var scene = Urban(jitter: true);
        using var a = new VectorEnv(scene, 3, threads: 1);
        using var b = new VectorEnv(scene, 3, threads: 2);
        using var c = new VectorEnv(scene, 3, threads: 1);
        a.Reset(31);
        b.Reset(31);
        c.Reset(32);
        var actions = new float[] { 0.1f, 0.6f, -0.1f, 0.6f, 0, 1 };
        bool differs = false;
        for (int t = 0; t < 200; t++)
        {
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(a.Snapshots[i].ContentHash(), b.Snapshots[i].ContentHash());
                differs |= a.Snapshots[i].ContentHash() != c.Snapshots[i].ContentHash();
            }
            a.Step(actions);
            b.Step(actions);
            c.Step(actions);
        }
        Assert.True(differs, "another seed gives other snapshots");
    }
}
