using Simulator.Driving.Env;

namespace Simulator.Viewer;

/// <summary>
/// Requests from the viewer to the simulation loop: pause, single steps, time scale, episode reset, the manual
/// driver's action. Written by the viewer thread, read by the simulation thread between steps (never inside one),
/// all through atomic fields, so neither thread waits for the other. Without requests the loop runs exactly as it
/// would with no window.
/// </summary>
public sealed class ViewerControl
{
    /// <summary>Time scales the viewer cycles through; 0 means unlimited (as fast as the simulation can step).</summary>
    public static readonly double[] TimeScales = [0.25, 0.5, 1, 2, 4, 8, 0];

    private int _paused;
    private int _stepRequests;
    private int _resetRequests;
    private int _stopRequested;
    private long _timeScaleBits = BitConverter.DoubleToInt64Bits(1.0);
    private long _manualBits;

    public bool Paused
    {
        get => Volatile.Read(ref _paused) != 0;
        set => Volatile.Write(ref _paused, value ? 1 : 0);
    }

    /// <summary>Simulated seconds per wall-clock second; 0 = unlimited.</summary>
    public double TimeScale
    {
        get => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _timeScaleBits));
        set
        {
            if (value != 0 && (value < 0.25 || value > 8 || double.IsNaN(value)))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "the time scale is 0.25 to 8, or 0 for unlimited");
            }
            Interlocked.Exchange(ref _timeScaleBits, BitConverter.DoubleToInt64Bits(value));
        }
    }

    /// <summary>Moves the time scale one notch up or down <see cref="TimeScales"/> (unlimited is the top notch).</summary>
    public void ShiftTimeScale(int notches)
    {
        double current = TimeScale;
        int i = Array.IndexOf(TimeScales, current);
        if (i < 0)
        {
            i = 2;
        }
        TimeScale = TimeScales[Math.Clamp(i + notches, 0, TimeScales.Length - 1)];
    }

    public bool StopRequested => Volatile.Read(ref _stopRequested) != 0;

    public void RequestStop() => Volatile.Write(ref _stopRequested, 1);

    /// <summary>Asks for one step while paused.</summary>
    public void RequestStep() => Interlocked.Increment(ref _stepRequests);

    /// <summary>Consumes one single-step request (simulation thread).</summary>
    public bool TakeStep()
    {
        int n = Volatile.Read(ref _stepRequests);
        while (n > 0)
        {
            int seen = Interlocked.CompareExchange(ref _stepRequests, n - 1, n);
            if (seen == n)
            {
                return true;
            }
            n = seen;
        }
        return false;
    }

    private long _seekTarget = NoSeek;
    private long _seekMicroseconds;
    private int _stepBackRequests;
    private const long NoSeek = long.MinValue;

    /// <summary>Replay: asks to go to step <paramref name="step"/> (clamped by the replay; long.MaxValue = the end).
    /// A later request replaces an earlier one not yet taken.</summary>
    public void RequestSeekTo(long step)
    {
        Interlocked.Exchange(ref _seekMicroseconds, 0);
        Interlocked.Exchange(ref _seekTarget, Math.Max(0, step));
    }

    /// <summary>Replay: asks to move by <paramref name="seconds"/> of simulated time (negative: back); requests add up.</summary>
    public void RequestSeekBy(double seconds) => Interlocked.Add(ref _seekMicroseconds, (long)Math.Round(seconds * 1e6));

    /// <summary>Replay: asks for one step back (pausing is the caller's choice).</summary>
    public void RequestStepBack() => Interlocked.Increment(ref _stepBackRequests);

    /// <summary>Consumes the pending seek requests (replay thread): an absolute target (or null), a relative move in
    /// simulated seconds and a number of steps back, applied in that order.</summary>
    public bool TakeSeek(out long? target, out double seconds, out int stepsBack)
    {
        long t = Interlocked.Exchange(ref _seekTarget, NoSeek);
        target = t == NoSeek ? null : t;
        seconds = Interlocked.Exchange(ref _seekMicroseconds, 0) / 1e6;
        stepsBack = Interlocked.Exchange(ref _stepBackRequests, 0);
        return target.HasValue || seconds != 0 || stepsBack != 0;
    }

    public void RequestReset() => Interlocked.Increment(ref _resetRequests);

    /// <summary>Consumes all reset requests (simulation thread).</summary>
    public bool TakeReset() => Interlocked.Exchange(ref _resetRequests, 0) > 0;

    /// <summary>The manual driver's action (from keyboard or gamepad), updated by the viewer every frame.</summary>
    public DrivingAction ManualAction
    {
        get
        {
            long bits = Interlocked.Read(ref _manualBits);
            return new DrivingAction(BitConverter.Int32BitsToSingle((int)bits), BitConverter.Int32BitsToSingle((int)(bits >> 32)));
        }
        set => Interlocked.Exchange(ref _manualBits,
            (uint)BitConverter.SingleToInt32Bits(value.Steer) | ((long)BitConverter.SingleToInt32Bits(value.Accel) << 32));
    }
}
