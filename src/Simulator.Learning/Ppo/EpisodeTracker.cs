namespace Simulator.Learning.Ppo;

/// <summary>Running return and length per env and the last <c>window</c> finished episodes (a ring, no allocation).</summary>
public sealed class EpisodeTracker
{
    private readonly double[] _running;
    private readonly int[] _lengths;
    private readonly double[] _recentReturns;
    private readonly int[] _recentLengths;
    private int _count;
    private int _next;

    public EpisodeTracker(int numEnvs, int window = 100)
    {
        _running = new double[numEnvs];
        _lengths = new int[numEnvs];
        _recentReturns = new double[window];
        _recentLengths = new int[window];
    }

    public long EpisodesFinished { get; private set; }

    public void Record(ReadOnlySpan<float> rewards, ReadOnlySpan<bool> done)
    {
        for (int n = 0; n < _running.Length; n++)
        {
            _running[n] += rewards[n];
            _lengths[n]++;
            if (done[n])
            {
                _recentReturns[_next] = _running[n];
                _recentLengths[_next] = _lengths[n];
                _next = (_next + 1) % _recentReturns.Length;
                _count = Math.Min(_count + 1, _recentReturns.Length);
                _running[n] = 0;
                _lengths[n] = 0;
                EpisodesFinished++;
            }
        }
    }

    /// <summary>Mean return of the recent finished episodes (NaN before the first).</summary>
    public double MeanReturn => Mean(_recentReturns);

    public double MeanLength
    {
        get
        {
            if (_count == 0)
            {
                return double.NaN;
            }
            double sum = 0;
            for (int i = 0; i < _count; i++)
            {
                sum += _recentLengths[i];
            }
            return sum / _count;
        }
    }

    private double Mean(double[] values)
    {
        if (_count == 0)
        {
            return double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < _count; i++)
        {
            sum += values[i];
        }
        return sum / _count;
    }
}
