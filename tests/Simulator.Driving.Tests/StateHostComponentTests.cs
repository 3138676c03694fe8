using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.World;

namespace Simulator.Driving.Tests;

/// <summary>Host components attached from scene JSON: saved when they implement IStateful, otherwise refused by name.</summary>
public class StateHostComponentTests
{
    private static readonly DrivingAction Throttle = new(0, 0.6f);

    /// <summary>Accumulates distance and counts its Start calls; saves both.</summary>
    public sealed class SavedOdometer : Behaviour, IStateful
    {
        private VehicleBody _body = null!;
        public double Distance;
        public int Starts;

        protected override void Awake() => _body = Entity.RequireComponent<VehicleBody>();

        protected override void Start() => Starts++;

        protected override void Update(in StepInfo step) => Distance += _body.State.Speed * step.DeltaTime;

        public void SaveState(StateWriter writer)
        {
            writer.WriteDouble(Distance);
            writer.WriteInt32(Starts);
        }

        public void LoadState(ref StateReader reader)
        {
            Distance = reader.ReadDouble();
            Starts = reader.ReadInt32();
        }
    }

    /// <summary>Has per-step state but no way to save it.</summary>
    public sealed class Unsaved : Behaviour
    {
        public int Steps;

        protected override void FixedUpdate(in StepInfo step) => Steps++;
    }

    /// <summary>Creates an entity during the episode (a structure Reset does not rebuild).</summary>
    public sealed class Spawner : Behaviour, IStateful
    {
        protected override void FixedUpdate(in StepInfo step)
        {
            if (step.Index == 2)
            {
                World.CreateEntity("late");
            }
        }

        public void SaveState(StateWriter writer)
        {
        }

        public void LoadState(ref StateReader reader)
        {
        }
    }

    /// <summary>Another saveable type that a different registry may create under the same name.</summary>
    public sealed class SavedOther : Behaviour, IStateful
    {
        public double Value;

        public void SaveState(StateWriter writer) => writer.WriteDouble(Value);

        public void LoadState(ref StateReader reader) => Value = reader.ReadDouble();
    }

    private static (DrivingEnv, float[]) Start(string type, bool otherRegistry = false)
    {
        var registry = new ComponentRegistry();
        if (otherRegistry)
        {
            registry.Register<SavedOther>("SavedOdometer");
        }
        else
        {
            registry.Register<SavedOdometer>("SavedOdometer");
        }
        registry.Register<Unsaved>("Unsaved");
        registry.Register<Spawner>("Spawner");
        var scene = TestScenes.Oval($", \"components\": [ {{ \"entity\": \"ego\", \"type\": \"{type}\" }} ]");
        return TestScenes.Start(scene, 2, new EnvOptions { Registry = registry });
    }

    [Fact]
    public void An_IStateful_host_component_is_saved_and_its_Start_does_not_run_again()
    {
        var (a, obsA) = Start("SavedOdometer");
        for (int i = 0; i < 120; i++)
        {
            a.Step(Throttle, obsA);
        }
        byte[] state = a.SaveState();
        var (b, obsB) = Start("SavedOdometer");
        b.LoadState(state, obsB);
        for (int i = 0; i < 200; i++)
        {
            a.Step(Throttle, obsA);
            b.Step(Throttle, obsB);
            Assert.Equal(a.StateHash(), b.StateHash());
        }
        var oa = a.World.FindComponent<SavedOdometer>()!;
        var ob = b.World.FindComponent<SavedOdometer>()!;
        Assert.Equal(1, oa.Starts);
        Assert.Equal(1, ob.Starts);
        Assert.True(oa.Distance > 10);
        Assert.Equal(BitConverter.DoubleToInt64Bits(oa.Distance), BitConverter.DoubleToInt64Bits(ob.Distance));
    }

    [Fact]
    public void A_state_saved_right_after_Reset_lets_Start_run_on_the_first_step()
    {
        var (a, _) = Start("SavedOdometer");
        var (b, obsB) = Start("SavedOdometer");
        b.Step(Throttle, obsB);
        b.LoadState(a.SaveState(), obsB);
        b.Step(Throttle, obsB);
        Assert.Equal(1, b.World.FindComponent<SavedOdometer>()!.Starts);
    }

    [Fact]
    public void A_state_of_a_world_with_other_component_types_is_refused()
    {
        var (a, obsA) = Start("SavedOdometer");
        a.Step(Throttle, obsA);
        var (b, obsB) = Start("SavedOdometer", otherRegistry: true);
        var e = Assert.Throws<SimInputException>(() => b.LoadState(a.SaveState(), obsB));
        Assert.Contains("other component types", e.Problem);
        Assert.Throws<InvalidOperationException>(() => b.Step(Throttle, obsB));
    }

    [Fact]
    public void A_host_component_without_IStateful_is_refused_by_type_name()
    {
        var (env, obs) = Start("Unsaved");
        env.Step(Throttle, obs);
        var e = Assert.Throws<SimInputException>(() => env.SaveState());
        Assert.Contains(typeof(Unsaved).FullName!, e.Problem);
        Assert.Contains("IStateful", e.Problem);
        env.Step(Throttle, obs); // refusing to save does not disturb the episode
    }

    [Fact]
    public void A_world_whose_entities_changed_during_the_episode_is_refused()
    {
        var (env, obs) = Start("Spawner");
        env.SaveState();
        for (int i = 0; i < 4; i++)
        {
            env.Step(Throttle, obs);
        }
        var e = Assert.Throws<SimInputException>(() => env.SaveState());
        Assert.Contains("entities changed during the episode", e.Problem);
    }
}
