using System.Runtime.CompilerServices;

namespace Simulator.World;

/// <summary>
/// Typed publish/subscribe for struct messages. Publishing happens on the simulation thread; synchronous handlers run
/// at once, on that thread, in subscription order; buffered subscriptions hand messages to other threads (viewer,
/// recorder) through bounded channels. Subscribing and unsubscribing are safe from any thread: subscriber lists are
/// copy-on-write arrays, so a publish never takes a lock and never allocates in steady state.
/// </summary>
public sealed class MessageBus
{
    private readonly Lock _gate = new();
    private volatile object?[] _topics = new object?[16];

    /// <summary>Delivers <paramref name="message"/> to every current subscriber of <typeparamref name="T"/>.</summary>
    public void Publish<T>(in T message) where T : struct
    {
        int slot = TypeSlot<T>.Id;
        var topics = _topics;
        if ((uint)slot < (uint)topics.Length && topics[slot] is { } topic)
        {
            Unsafe.As<MessageTopic<T>>(topic).Publish(in message);
        }
    }

    /// <summary>Subscribes a synchronous handler; dispose the result to unsubscribe.</summary>
    public IDisposable Subscribe<T>(IMessageHandler<T> handler) where T : struct
    {
        ArgumentNullException.ThrowIfNull(handler);
        var topic = GetOrCreateTopic<T>();
        topic.AddHandler(handler);
        return new Subscription<T>(topic, handler);
    }

    /// <summary>Subscribes a synchronous delegate (allocates a small wrapper once, at subscription).</summary>
    public IDisposable Subscribe<T>(MessageAction<T> action) where T : struct
    {
        ArgumentNullException.ThrowIfNull(action);
        return Subscribe(new ActionHandler<T>(action));
    }

    /// <summary>
    /// Subscribes a bounded buffer for a reader on another thread. <paramref name="capacity"/> messages fit;
    /// <paramref name="overflow"/> says what happens beyond that. Dispose to unsubscribe and complete the reader.
    /// </summary>
    public BufferedSubscription<T> SubscribeBuffered<T>(int capacity, OverflowPolicy overflow) where T : struct
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        if (!Enum.IsDefined(overflow))
        {
            throw new ArgumentOutOfRangeException(nameof(overflow), overflow, "Unknown overflow policy.");
        }
        var topic = GetOrCreateTopic<T>();
        var subscription = new BufferedSubscription<T>(topic, capacity, overflow);
        topic.AddBuffered(subscription);
        return subscription;
    }

    /// <summary>Synchronous plus buffered subscribers of <typeparamref name="T"/> right now.</summary>
    public int SubscriberCount<T>() where T : struct
    {
        int slot = TypeSlot<T>.Id;
        var topics = _topics;
        return (uint)slot < (uint)topics.Length && topics[slot] is MessageTopic<T> topic ? topic.Count : 0;
    }

    private MessageTopic<T> GetOrCreateTopic<T>() where T : struct
    {
        int slot = TypeSlot<T>.Id;
        lock (_gate)
        {
            var topics = _topics;
            if ((uint)slot < (uint)topics.Length && topics[slot] is MessageTopic<T> existing)
            {
                return existing;
            }
            if (slot >= topics.Length)
            {
                var grown = new object?[Math.Max(slot + 1, topics.Length * 2)];
                Array.Copy(topics, grown, topics.Length);
                topics = grown;
            }
            var topic = new MessageTopic<T>(_gate);
            topics[slot] = topic;
            // Publish the (possibly new) array after the topic is in it.
            _topics = topics;
            return topic;
        }
    }

    private sealed class Subscription<T>(MessageTopic<T> topic, IMessageHandler<T> handler) : IDisposable where T : struct
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                topic.RemoveHandler(handler);
            }
        }
    }

    private sealed class ActionHandler<T>(MessageAction<T> action) : IMessageHandler<T> where T : struct
    {
        public void Handle(in T message) => action(in message);
    }
}
