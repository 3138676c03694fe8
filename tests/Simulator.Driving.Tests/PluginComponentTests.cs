using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.World;

namespace Simulator.Driving.Tests;

/// <summary>A host component type registered by name and attached to the ego from scene JSON (the plugin use case).</summary>
public class PluginComponentTests
{
    /// <summary>Sums the distance its vehicle covers, scaled (a setting read from the scene file).</summary>
    public sealed class Odometer : Behaviour
    {
        private VehicleBody _body = null!;

        public double Scale = 1;
        public double Distance;
        public int Steps;

        protected override void Awake() => _body = Entity.RequireComponent<VehicleBody>();

        // After the post-step phase: the speed this step ended with, like the env's own distance counter.
        protected override void Update(in StepInfo step)
        {
            Distance += Scale * _body.State.Speed * step.DeltaTime;
            Steps++;
        }
    }

    /// <summary>Counts steps and takes no settings.</summary>
    public sealed class StepCounter : Behaviour
    {
        public int Steps;

        protected override void FixedUpdate(in StepInfo step) => Steps++;
    }

    private static ComponentRegistry Registry()
    {
        var r = new ComponentRegistry();
        r.Register("Odometer", config =>
        {
            config.RejectUnknownFields("scale");
            return new Odometer { Scale = config.OptionalDouble("scale", 1, 0.001, 1000) };
        });
        r.Register<StepCounter>("StepCounter");
        return r;
    }

    private const string Components = ", \"components\": [ { \"entity\": \"ego\", \"type\": \"Odometer\", \"scale\": 2 }, { \"entity\": \"ego\", \"type\": \"StepCounter\" } ]";

    [Fact]
    public void Registered_component_attached_by_name_runs_in_the_loop()
    {
        var scene = TestScenes.Oval(Components);
        var (env, obs) = TestScenes.Start(scene, 1, new EnvOptions { Registry = Registry() });
        var odo = env.World.FindComponent<Odometer>();
        Assert.NotNull(odo);
        Assert.Same(env.Ego.Entity, odo.Entity);
        Assert.Equal(2, odo.Scale);
        for (int i = 0; i < 300; i++)
        {
            env.Step(new DrivingAction(0, 0.7f), obs);
        }
        Assert.Equal(300, odo.Steps);
        Assert.Equal(300, env.World.FindComponent<StepCounter>()!.Steps);
        Assert.True(env.Info.DistanceTravelled > 10);
        Assert.Equal(2 * env.Info.DistanceTravelled, odo.Distance, 9);
        // A new episode builds a fresh component.
        env.Reset(2, obs);
        var fresh = env.World.FindComponent<Odometer>();
        Assert.NotSame(odo, fresh);
        Assert.Equal(0, fresh!.Distance);
    }

    [Fact]
    public void Unknown_type_name_is_an_input_error_naming_the_json_path()
    {
        var scene = TestScenes.Oval(", \"components\": [ { \"entity\": \"ego\", \"type\": \"StepCounter\" }, { \"entity\": \"ego\", \"type\": \"Odometr\" } ]");
        var env = new DrivingEnv(scene, new EnvOptions { Registry = Registry() });
        var e = Assert.Throws<SimInputException>(() => env.Reset(1, new float[env.Observation.VectorSize]));
        Assert.Equal("$.components[1].type", e.Path);
        Assert.Equal("test.json", e.File);
        Assert.Contains("Odometr", e.Message, StringComparison.Ordinal);
        Assert.Contains("Odometer", e.Message, StringComparison.Ordinal); // the hint lists the known types
    }

    [Fact]
    public void Components_without_a_registry_are_an_input_error()
    {
        var scene = TestScenes.Oval(Components);
        var env = new DrivingEnv(scene);
        var e = Assert.Throws<SimInputException>(() => env.Reset(1, new float[env.Observation.VectorSize]));
        Assert.Equal("$.components[0].type", e.Path);
    }

    [Fact]
    public void Bad_component_setting_names_its_path()
    {
        var scene = TestScenes.Oval(", \"components\": [ { \"entity\": \"ego\", \"type\": \"Odometer\", \"scale\": -1 } ]");
        var env = new DrivingEnv(scene, new EnvOptions { Registry = Registry() });
        var e = Assert.Throws<SimInputException>(() => env.Reset(1, new float[env.Observation.VectorSize]));
        Assert.Equal("$.components[0].scale", e.Path);
    }
}
