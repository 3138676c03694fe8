using Simulator.Driving.Env;

namespace Simulator.Learning.Driving;

/// <summary>What an evaluation came to, per episode and summed up.</summary>
public sealed record EvalReport(IReadOnlyList<EpisodeSummary> Episodes)
{
    public int Count => Episodes.Count;

    public double MeanReturn => Mean(e => e.Return);

    /// <summary>Share of episodes that completed their laps cleanly (<see cref="EpisodeSummary.CleanLap"/>), in [0, 1].</summary>
    public double LapCompletion => Mean(e => e.CleanLap ? 1 : 0);

    /// <summary>Share of episodes that left the road at some point (ended off-road or spent time beyond the edge).</summary>
    public double OffRoadRate => Mean(e => e.End == EpisodeEnd.OffRoad || e.OffRoadTime > 0 ? 1 : 0);

    /// <summary>Collisions per kilometre driven, over all episodes.</summary>
    public double CollisionsPerKm
    {
        get
        {
            double km = 0, collisions = 0;
            foreach (var e in Episodes)
            {
                km += e.Distance / 1000;
                collisions += e.Collisions;
            }
            return km > 0 ? collisions / km : collisions > 0 ? double.PositiveInfinity : 0;
        }
    }

    /// <summary>Times an ego started failing to yield to a walker (<see cref="Simulator.Driving.Runtime.WalkerYield"/>), over all episodes.</summary>
    public int YieldFailures => Episodes.Sum(e => e.YieldFailures);

    /// <summary>Distance over time, summed over episodes (m/s).</summary>
    public double MeanSpeed
    {
        get
        {
            double d = 0, t = 0;
            foreach (var e in Episodes)
            {
                d += e.Distance;
                t += e.Time;
            }
            return t > 0 ? d / t : 0;
        }
    }

    /// <summary>Orders reports for "best": lap completion first, then mean return.</summary>
    public static bool IsBetter(double lapCompletion, double meanReturn, double bestLapCompletion, double bestReturn)
    {
        if (double.IsNaN(bestLapCompletion))
        {
            return true;
        }
        if (lapCompletion != bestLapCompletion)
        {
            return lapCompletion > bestLapCompletion;
        }
        return meanReturn > bestReturn || double.IsNaN(bestReturn);
    }

    private double Mean(Func<EpisodeSummary, double> f)
    {
        if (Episodes.Count == 0)
        {
            return double.NaN;
        }
        double sum = 0;
        foreach (var e in Episodes)
        {
            sum += f(e);
        }
        return sum / Episodes.Count;
    }
}
