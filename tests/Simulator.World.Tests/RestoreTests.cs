using Simulator.Core;

namespace Simulator.World.Tests;

/// <summary>What an owner needs to restore a checkpoint: the state codec, the step index and Start flags.</summary>
public class RestoreTests
{
    private sealed class Starter : Behaviour
    {
        public int Starts;

        protected override void Start() => Starts++;
    }

    [Fact]
    public void Writer_and_reader_round_trip_exact_bits_and_refuse_reading_past_the_end()
    {
        var w = new StateWriter(16);
        w.WriteDouble(-0.0);
        w.WriteDouble(double.NaN);
        w.WriteSingle(1.5f);
        w.WriteUInt64(ulong.MaxValue);
        w.WriteInt32(-7);
        w.WriteBool(true);
        for (int i = 0; i < 100; i++)
        {
            w.WriteUInt16((ushort)i); // grows past the initial capacity
        }
        var bytes = w.Written.ToArray();
        var r = new StateReader(bytes);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(r.ReadDouble()));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.NaN), BitConverter.DoubleToInt64Bits(r.ReadDouble()));
        Assert.Equal(1.5f, r.ReadSingle());
        Assert.Equal(ulong.MaxValue, r.ReadUInt64());
        Assert.Equal(-7, r.ReadInt32());
        Assert.True(r.ReadBool());
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(i, r.ReadUInt16());
        }
        Assert.Equal(0, r.Remaining);
        var e = Assert.Throws<SimInputException>(() => new StateReader(bytes.AsSpan(0, 3).ToArray()).ReadInt32());
        Assert.Contains("state ends after 3 bytes", e.Problem);
        Assert.Throws<SimInputException>(() => new StateReader([2]).ReadBool());
    }

    [Fact]
    public void Restored_step_index_and_Start_flags_carry_on_as_if_the_steps_had_run()
    {
        var world = new World(0.1);
        var starter = world.CreateEntity("a").AddComponent(new Starter());
        world.RestoreStarted(starter);
        world.RestoreStepIndex(40);
        Assert.Equal(40, world.StepIndex);
        Assert.Equal(4.0, world.Time, 12);
        world.Step();
        Assert.Equal(41, world.StepIndex);
        Assert.Equal(0, starter.Starts);
        Assert.Throws<ArgumentOutOfRangeException>(() => world.RestoreStepIndex(-1));
        Assert.Throws<InvalidOperationException>(() => new World(0.1).RestoreStarted(starter));
    }
}
