using Simulator.Core;
namespace Simulator.World.Tests;

public readonly record struct Tick(long Step, double Value);

public readonly record struct Collision(int A, int B);

public class MessageBusTests
{
    private sealed class ListHandler(List<string> log, string name) : IMessageHandler<Tick>
    {
        public void Handle(in Tick message) => log.Add($"{name}:{message.Step}");
    }

    private sealed class SumHandler : IMessageHandler<Tick>
    {
        public double Sum;

        public void Handle(in Tick message) => Sum += message.Value;
    }

    [Fact]
    public void Sync_delivery_is_immediate_and_in_subscription_order()
    {
        var bus = new MessageBus();
        var log = new List<string>();
        bus.Subscribe(new ListHandler(log, "b"));
        bus.Subscribe(new ListHandler(log, "a"));
        bus.Subscribe((in Tick t) => log.Add($"c:{t.Step}"));

        bus.Publish(new Tick(1, 0));
        Assert.Equal(["b:1", "a:1", "c:1"], log);
        bus.Publish(new Tick(2, 0));
        Assert.Equal(["b:1", "a:1", "c:1", "b:2", "a:2", "c:2"], log);
    }

    [Fact]
    public void Topics_are_separate_by_message_type()
    {
        var bus = new MessageBus();
        var log = new List<string>();
        bus.Subscribe(new ListHandler(log, "tick"));
        bus.Subscribe((in Collision c) => log.Add($"hit:{c.A}-{c.B}"));
        bus.Publish(new Collision(1, 2));
        bus.Publish(new Tick(5, 0));
        Assert.Equal(["hit:1-2", "tick:5"], log);
        Assert.Equal(1, bus.SubscriberCount<Collision>());
        Assert.Equal(0, bus.SubscriberCount<int>());
        bus.Publish(42); // no subscribers: a no-op
    }

    [Fact]
    public void Unsubscribe_by_dispose_stops_delivery_and_is_idempotent()
    {
        var bus = new MessageBus();
        var log = new List<string>();
        var first = bus.Subscribe(new ListHandler(log, "a"));
        bus.Subscribe(new ListHandler(log, "b"));
        using var buffered = bus.SubscribeBuffered<Tick>(8, OverflowPolicy.DropOldest);
        Assert.Equal(3, bus.SubscriberCount<Tick>());

        bus.Publish(new Tick(1, 0));
        first.Dispose();
        first.Dispose();
        buffered.Dispose();
        bus.Publish(new Tick(2, 0));

        Assert.Equal(["a:1", "b:1", "b:2"], log);
        Assert.Equal(1, bus.SubscriberCount<Tick>());
        Assert.True(buffered.TryRead(out var kept));
        Assert.Equal(1, kept.Step);
        Assert.False(buffered.TryRead(out _));
        Assert.True(buffered.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void A_handler_may_unsubscribe_itself_during_delivery()
    {
        var bus = new MessageBus();
        var log = new List<string>();
        IDisposable? self = null;
        self = bus.Subscribe((in Tick t) =>
        {
            log.Add($"once:{t.Step}");
            self!.Dispose();
        });
        bus.Subscribe(new ListHandler(log, "always"));
        bus.Publish(new Tick(1, 0));
        bus.Publish(new Tick(2, 0));
        Assert.Equal(["once:1", "always:1", "always:2"], log);
    }

    [Fact]
    public async Task Buffered_delivery_is_read_on_another_thread_in_order()
    {
        var bus = new MessageBus();
        using var subscription = bus.SubscribeBuffered<Tick>(16, OverflowPolicy.Wait);
        const int count = 5000;
        var reader = Task.Run(async () =>
        {
            long expected = 0;
            await foreach (var tick in subscription.Reader.ReadAllAsync())
            {
                Assert.Equal(expected++, tick.Step);
            }
            return expected;
        });
        for (int i = 0; i < count; i++)
        {
            bus.Publish(new Tick(i, i));
        }
        subscription.Dispose(); // completes the reader once it has drained
        long read = await reader.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(count, read);
        Assert.Equal(0, subscription.Dropped);
    }

    [Fact]
    public void DropOldest_keeps_the_latest_messages()
    {
        var bus = new MessageBus();
        using var sub = bus.SubscribeBuffered<Tick>(3, OverflowPolicy.DropOldest);
        for (int i = 0; i < 10; i++)
        {
            bus.Publish(new Tick(i, 0));
        }
        Assert.Equal(7, sub.Dropped);
        Assert.Equal([7L, 8L, 9L], Drain(sub));
    }

    [Fact]
    public void DropNewest_keeps_the_first_messages()
    {
        var bus = new MessageBus();
        using var sub = bus.SubscribeBuffered<Tick>(3, OverflowPolicy.DropNewest);
        for (int i = 0; i < 10; i++)
        {
            bus.Publish(new Tick(i, 0));
        }
        Assert.Equal(7, sub.Dropped);
        Assert.Equal([0L, 1L, 2L], Drain(sub));
    }

    [Fact]
    public void Wait_blocks_the_publisher_until_the_reader_makes_room()
    {
        var bus = new MessageBus();
        using var sub = bus.SubscribeBuffered<Tick>(2, OverflowPolicy.Wait);
        bus.Publish(new Tick(0, 0));
        bus.Publish(new Tick(1, 0));
        using var published = new ManualResetEventSlim();
        var publisher = new Thread(() =>
        {
            bus.Publish(new Tick(2, 0));
            published.Set();
        });
        publisher.Start();
        // The third publish must not complete while the buffer is full (bounded wait: this only proves "blocked").
        Assert.False(published.Wait(200));
        Assert.True(sub.TryRead(out var first));
        Assert.Equal(0, first.Step);
        Assert.True(published.Wait(TimeSpan.FromSeconds(30)));
        publisher.Join();
        Assert.Equal([1L, 2L], Drain(sub));
        Assert.Equal(0, sub.Dropped);
    }

    [Fact]
    public async Task Disposing_a_full_Wait_subscription_releases_a_blocked_publisher()
    {
        var bus = new MessageBus();
        var sub = bus.SubscribeBuffered<Tick>(1, OverflowPolicy.Wait);
        bus.Publish(new Tick(0, 0));
        var publisher = Task.Run(() => bus.Publish(new Tick(1, 0)));
        await Task.WhenAny(publisher, Task.Delay(100));
        Assert.False(publisher.IsCompleted);
        sub.Dispose();
        await publisher.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Subscribing_from_other_threads_while_publishing_is_safe()
    {
        var bus = new MessageBus();
        var sum = new SumHandler();
        bus.Subscribe(sum);
        var churn = Task.Run(() =>
        {
            for (int i = 0; i < 2000; i++)
            {
                using var s = bus.Subscribe(new SumHandler());
                using var b = bus.SubscribeBuffered<Tick>(4, OverflowPolicy.DropOldest);
                using var c = bus.Subscribe((in Collision _) => { });
            }
        });
        int published = 0;
        while (!churn.IsCompleted || published < 1000)
        {
            bus.Publish(new Tick(published, 1));
            published++;
        }
        await churn;
        Assert.Equal(published, sum.Sum);
        Assert.Equal(1, bus.SubscriberCount<Tick>());
    }

    [Fact]
    public void Publishing_does_not_allocate_with_sync_and_buffered_subscribers()
    {
        var bus = new MessageBus();
        var sum = new SumHandler();
        bus.Subscribe(sum);
        using var dropping = bus.SubscribeBuffered<Tick>(64, OverflowPolicy.DropOldest);
        using var drained = bus.SubscribeBuffered<Tick>(64, OverflowPolicy.Wait);
        // Warm up with the same pattern: the channels' ring buffers grow to their working size once, then stay.
        PublishAndDrain(bus, drained, 200);
        (long allocated, int runs) = ThreadAllocations.Smallest(() => PublishAndDrain(bus, drained, 10_000));

        Assert.Equal(0, allocated);
        Assert.Equal(200 + 10_000 * runs, sum.Sum);
        Assert.Equal(64, dropping.Count);
        Assert.Equal(0, drained.Dropped);
    }

    [Fact]
    public void Buffered_subscription_validates_arguments()
    {
        var bus = new MessageBus();
        Assert.Throws<ArgumentOutOfRangeException>(() => bus.SubscribeBuffered<Tick>(0, OverflowPolicy.Wait));
        Assert.Throws<ArgumentOutOfRangeException>(() => bus.SubscribeBuffered<Tick>(4, (OverflowPolicy)9));
    }

    private static void PublishAndDrain(MessageBus bus, BufferedSubscription<Tick> drained, int count)
    {
        for (int i = 0; i < count; i++)
        {
            bus.Publish(new Tick(i, 1));
            if ((i & 31) == 31 || i == count - 1)
            {
                // A reader that keeps up: the buffer never holds more than 32, so its ring never has to grow.
                while (drained.TryRead(out _))
                {
                }
            }
        }
    }

    private static long[] Drain(BufferedSubscription<Tick> sub)
    {
        var steps = new List<long>();
        while (sub.TryRead(out var tick))
        {
            steps.Add(tick.Step);
        }
        return [.. steps];
    }
}
