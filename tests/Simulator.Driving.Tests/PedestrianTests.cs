using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Traffic;
using Xunit.Abstractions;

namespace Simulator.Driving.Tests;

/// <summary>Walkers on urban-loop: they cross kerb to kerb, only into a safe gap, and nobody runs them over.</summary>
public class PedestrianTests(ITestOutputHelper output)
{
    private readonly record struct VehicleAt(double S, double HalfLength, double Speed, string Name);

    [Fact]
    public void Walkers_cross_into_safe_gaps_and_are_never_hit_in_two_minutes()
    {
        var scene = TestScenes.Shipped("urban-loop", e => e with { Laps = 0, TimeLimit = 600 });
        var bus = new World.MessageBus();
        var hits = new List<CollisionOccurred>();
        using var sub = bus.Subscribe((in CollisionOccurred c) =>
        {
            if (c.KindA == ActorKind.Pedestrian || c.KindB == ActorKind.Pedestrian)
            {
                hits.Add(c);
            }
        });
        var (env, obs) = TestScenes.Start(scene, 4, new EnvOptions { Autopilot = true, Bus = bus });
        var track = scene.Track;
        var walkers = env.World.Components<PedestrianWalker>().ToArray();
        Assert.Equal(6, walkers.Length);
        var bodies = env.World.Components<VehicleBody>().ToArray();
        var crossingFrom = new double[walkers.Length];
        var wasCrossing = new bool[walkers.Length];
        int starts = 0, completed = 0, heldBack = 0;
        var before = new VehicleAt[bodies.Length];
        for (int step = 0; step < 60 * 120; step++)
        {
            // What the walkers see this step: the vehicles as the Sense phase will record them.
            for (int k = 0; k < bodies.Length; k++)
            {
                before[k] = new VehicleAt(bodies[k].Query.S, bodies[k].HalfLength, bodies[k].SpeedAlongTrack, bodies[k].Entity.Name);
            }
            var waitBefore = walkers.Select(w => w.WaitLeft).ToArray();
            var o = env.Step(default(DrivingAction), obs);
            Assert.False(o.Done, $"episode ended at step {step}: {env.Info.End}");
            for (int i = 0; i < walkers.Length; i++)
            {
                var w = walkers[i];
                Assert.InRange(w.Lateral, -w.KerbLateral - 1e-9, w.KerbLateral + 1e-9);
                if (w.Crossing && !wasCrossing[i])
                {
                    starts++;
                    crossingFrom[i] = w.Lateral; // the step that decides to cross does not move yet
                    Assert.Equal(-w.Direction * w.KerbLateral, crossingFrom[i], 6);
                    foreach (var v in before)
                    {
                        // Nothing within 12 m (plus 4 s at its speed) upstream, nor on the crosswalk.
                        double toCrosswalk = track.DeltaS(v.S, w.S);
                        Assert.False(toCrosswalk > -(v.HalfLength + 2) && toCrosswalk < Math.Max(v.Speed, 0) * 4 + 12,
                            $"step {step}: {w.Entity.Name} started crossing with {v.Name} {toCrosswalk:0.0} m from the crosswalk at {v.Speed:0.0} m/s");
                    }
                }
                else if (!w.Crossing && wasCrossing[i])
                {
                    completed++;
                    // Arrived on the opposite kerb.
                    Assert.Equal(-crossingFrom[i], w.Lateral, 9);
                    Assert.Equal(w.KerbLateral, Math.Abs(w.Lateral), 9);
                }
                else if (!w.Crossing && waitBefore[i] <= 0)
                {
                    heldBack++; // its wait was over, but a vehicle was too close
                }
                wasCrossing[i] = w.Crossing;
            }
        }
        output.WriteLine($"crossings started {starts}, completed {completed}, walker-steps held back by traffic {heldBack}, ego distance {env.Info.DistanceTravelled:0} m");
        Assert.Empty(hits);
        Assert.True(completed >= 6, $"only {completed} crossings completed");
        Assert.True(heldBack > 0, "no walker ever had to wait for a gap: the gap rule was not exercised");
        Assert.True(env.Info.DistanceTravelled > 500, "the ego barely moved, so the walkers were never tested");
    }
}
