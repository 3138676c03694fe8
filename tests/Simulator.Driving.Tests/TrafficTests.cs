using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Traffic;
using Xunit.Abstractions;

namespace Simulator.Driving.Tests;

/// <summary>IDM traffic: the model's unit behaviour, and a minute of NPCs on the two-lane-traffic scene.</summary>
public class TrafficTests(ITestOutputHelper output)
{
    private static readonly IdmParams s_idm = new(DesiredSpeed: 15, TimeHeadway: 1.5, MinGap: 3);

    [Fact]
    public void Idm_accelerates_on_a_free_road_towards_the_desired_speed()
    {
        double a0 = Idm.Acceleration(s_idm, 0, Idm.FreeRoad, 0);
        double a10 = Idm.Acceleration(s_idm, 10, Idm.FreeRoad, 0);
        double a15 = Idm.Acceleration(s_idm, 15, Idm.FreeRoad, 0);
        double a18 = Idm.Acceleration(s_idm, 18, Idm.FreeRoad, 0);
        Assert.Equal(s_idm.MaxAccel, a0, 12);
        Assert.True(a10 > 0 && a10 < a0);
        Assert.Equal(0, a15, 12);
        Assert.True(a18 < 0);
        // Integrating from rest converges to the desired speed without overshoot.
        double v = 0;
        for (int i = 0; i < 60 * 120; i++)
        {
            v += Idm.Acceleration(s_idm, v, Idm.FreeRoad, 0) / 60;
            Assert.True(v <= s_idm.DesiredSpeed + 1e-9);
        }
        Assert.InRange(v, 14.5, 15);
    }

    [Fact]
    public void Idm_brakes_when_closing_on_a_stopped_leader_and_stops_short_of_it()
    {
        Assert.True(Idm.Acceleration(s_idm, 12, 30, 0) < -2);
        Assert.True(Idm.Acceleration(s_idm, 12, 15, 0) < Idm.Acceleration(s_idm, 12, 30, 0));
        Assert.True(Idm.Acceleration(s_idm, 12, 200, 12) > Idm.Acceleration(s_idm, 12, 200, 0));
        Assert.Equal(-9.0, Idm.Acceleration(s_idm, 25, 0.5, 0), 12); // bounded by the emergency deceleration
        // Simulated approach from 15 m/s with 120 m to a stopped car: stops with a gap near MinGap, never negative.
        double x = 0, v = 15, leader = 120;
        for (int i = 0; i < 60 * 60; i++)
        {
            double a = Idm.Acceleration(s_idm, v, leader - x, 0);
            v = Math.Max(0, v + a / 60);
            x += v / 60;
            Assert.True(leader - x > 0.5, $"gap {leader - x} at step {i}");
        }
        Assert.True(v < 0.05);
        Assert.InRange(leader - x, 2.0, 6.0);
    }

    [Fact]
    public void Idm_equilibrium_gap_grows_with_speed()
    {
        double previous = 0;
        foreach (double v in new[] { 2.0, 5, 8, 11, 14 })
        {
            double gap = EquilibriumGap(v);
            Assert.True(gap > previous, $"gap {gap} at {v} m/s not above {previous}");
            // Above the static s* = s0 + vT, which IDM's equilibrium always exceeds.
            Assert.True(gap > s_idm.MinGap + v * s_idm.TimeHeadway);
            previous = gap;
        }
    }

    /// <summary>The gap at which a follower at speed v behind a leader at the same speed has zero acceleration (bisection).</summary>
    private static double EquilibriumGap(double v)
    {
        double lo = 0.01, hi = 1000;
        for (int i = 0; i < 200; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Idm.Acceleration(s_idm, v, mid, v) < 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    [Fact]
    public void Npcs_on_two_lane_traffic_drive_a_minute_without_collisions_keeping_gaps_and_speed_limits() =>
        DriveNpcs(TestScenes.Shipped("two-lane-traffic", e => e with { Laps = 0, TimeLimit = 600 }), 5, double.MaxValue);

    /// <summary>A dense single-lane queue with fast cars behind slow ones: followers must catch up and then follow.</summary>
    [Fact]
    public void Npcs_in_a_dense_lane_catch_up_and_follow_without_collisions()
    {
        const string traffic = """
            , "traffic": [ { "s": 140, "lane": 0, "desiredSpeed": 14 }, { "s": 180, "lane": 0, "desiredSpeed": 7 },
                           { "s": 230, "lane": 0, "desiredSpeed": 13 }, { "s": 300, "lane": 0, "desiredSpeed": 6 },
                           { "s": 360, "lane": 0, "desiredSpeed": 15 }, { "s": 420, "lane": 0, "desiredSpeed": 9 },
                           { "s": 300, "lane": 1, "desiredSpeed": 12 }, { "s": 500, "lane": 1, "desiredSpeed": 8 } ],
              "episode": { "laps": 0, "timeLimit": 600 }
            """;
        DriveNpcs(TestScenes.Oval(traffic, spawn: "[ { \"s\": 40, \"lane\": 1 } ]"), 8, 15);
    }

    private void DriveNpcs(CompiledScene scene, int expectedNpcs, double mustGetWithin)
    {
        var bus = new World.MessageBus();
        var npcContacts = new List<CollisionOccurred>();
        using var sub = bus.Subscribe((in CollisionOccurred c) =>
        {
            if (c.KindA == ActorKind.Traffic && c.KindB == ActorKind.Traffic)
            {
                npcContacts.Add(c);
            }
        });
        var (env, obs) = TestScenes.Start(scene, 21, new EnvOptions { Autopilot = true, Bus = bus });
        var track = scene.Track;
        var drivers = env.World.Components<TrafficDriver>().ToArray();
        Assert.Equal(expectedNpcs, drivers.Length);
        double minGap = double.MaxValue, maxExcess = double.MinValue, minSpeed = double.MaxValue;
        for (int step = 0; step < 60 * 60; step++)
        {
            var o = env.Step(default(DrivingAction), obs);
            Assert.False(o.Done, $"episode ended at step {step}: {env.Info.End}");
            foreach (var d in drivers)
            {
                var body = d.Entity.RequireComponent<VehicleBody>();
                maxExcess = Math.Max(maxExcess, body.State.Vx - d.DesiredSpeed);
                minSpeed = Math.Min(minSpeed, body.State.Vx);
                // Bumper gap to the nearest NPC ahead in the same lane.
                double gap = double.MaxValue;
                foreach (var other in drivers)
                {
                    if (other == d || other.Lane != d.Lane)
                    {
                        continue;
                    }
                    var ob = other.Entity.RequireComponent<VehicleBody>();
                    double ds = track.DeltaS(body.Query.S, ob.Query.S);
                    if (ds > 0)
                    {
                        gap = Math.Min(gap, ds - body.HalfLength - ob.HalfLength);
                    }
                }
                Assert.True(gap > 1.0, $"step {step}: NPC {d.Entity.Name} is {gap:0.00} m behind its leader");
                minGap = Math.Min(minGap, gap);
            }
        }
        output.WriteLine($"closest NPC gap {minGap:0.0} m, max speed above desired {maxExcess:0.000} m/s, min speed {minSpeed:0.0} m/s, ego laps {env.Info.Laps}, ego collisions {env.Info.Collisions}");
        Assert.Empty(npcContacts);
        Assert.True(maxExcess < 0.3, $"an NPC went {maxExcess:0.000} m/s above its desired speed");
        Assert.True(minSpeed > -0.1, "an NPC reversed");
        Assert.Equal(0, env.Info.Collisions);
        Assert.True(minGap < mustGetWithin, $"NPCs never came within {mustGetWithin} m of each other: following was not exercised");
    }
}
