using Simulator.Driving.Scenes;

namespace Simulator.Driving.Env;

/// <summary>Pure reward computation: every term is reported unweighted; the total applies the scene's weights.</summary>
public static class RewardFunction
{
    public static RewardTerms Compute(in RewardSpec w, double progress, double forwardSpeed, double maxSpeed,
        double laneCenterError, double laneWidth, bool offRoad, bool collided, double steerChange, double accelChange,
        bool failingToYield = false)
    {
        double c = laneCenterError / (0.5 * laneWidth);
        var t = new RewardTerms
        {
            Progress = progress,
            Speed = Math.Clamp(forwardSpeed / maxSpeed, 0, 1),
            Centering = -Math.Min(c * c, 1),
            OffRoad = offRoad ? -1 : 0,
            Collision = collided ? -1 : 0,
            Smoothness = -(Math.Abs(steerChange) + Math.Abs(accelChange)),
            Yield = failingToYield ? -Math.Clamp(forwardSpeed / maxSpeed, 0, 1) : 0,
        };
        t.Total = w.Progress * t.Progress + w.Speed * t.Speed + w.Centering * t.Centering
            + w.OffRoad * t.OffRoad + w.Collision * t.Collision + w.Smoothness * t.Smoothness + w.Yield * t.Yield;
        return t;
    }
}
