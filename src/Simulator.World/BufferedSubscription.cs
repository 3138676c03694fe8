using System.Threading.Channels;

namespace Simulator.World;

/// <summary>
/// A bounded buffer of messages for a reader on another thread (viewer, recorder), fed by
/// <see cref="MessageBus.Publish{T}(in T)"/>. Read with <see cref="Reader"/> (System.Threading.Channels) or
/// <see cref="TryRead"/>. Dispose to unsubscribe: the reader can still drain what was buffered, then completes.
/// </summary>
public sealed class BufferedSubscription<T> : IDisposable where T : struct
{
    private readonly MessageTopic<T> _topic;
    private readonly Channel<T> _channel;
    private long _dropped;
    private int _disposed;

    internal BufferedSubscription(MessageTopic<T> topic, int capacity, OverflowPolicy overflow)
    {
        _topic = topic;
        Capacity = capacity;
        Overflow = overflow;
        var options = new BoundedChannelOptions(capacity)
        {
            // Channels' DropWrite discards the incoming item, which is what DropNewest means here.
            FullMode = overflow switch
            {
                OverflowPolicy.DropOldest => BoundedChannelFullMode.DropOldest,
                OverflowPolicy.DropNewest => BoundedChannelFullMode.DropWrite,
                _ => BoundedChannelFullMode.Wait,
            },
            SingleReader = false,
            SingleWriter = false,
            // Reader continuations must never run on the simulation thread.
            AllowSynchronousContinuations = false,
        };
        _channel = Channel.CreateBounded<T>(options, OnDropped);
    }

    public int Capacity { get; }

    public OverflowPolicy Overflow { get; }

    /// <summary>The reading side; completes after <see cref="Dispose"/> once drained.</summary>
    public ChannelReader<T> Reader => _channel.Reader;

    /// <summary>Messages lost to the overflow policy so far (never grows under <see cref="OverflowPolicy.Wait"/>).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Messages buffered now.</summary>
    public int Count => _channel.Reader.Count;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public bool TryRead(out T message) => _channel.Reader.TryRead(out message);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _topic.RemoveBuffered(this);
            _channel.Writer.TryComplete();
        }
    }

    /// <summary>Called on the publishing thread. Under Wait it blocks until there is room or the subscription ends.</summary>
    internal void Write(in T message)
    {
        var writer = _channel.Writer;
        if (writer.TryWrite(message) || Overflow != OverflowPolicy.Wait)
        {
            return;
        }
        while (true)
        {
            var wait = writer.WaitToWriteAsync();
            bool open = wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
            if (!open || writer.TryWrite(message))
            {
                return;
            }
        }
    }

    private void OnDropped(T message) => Interlocked.Increment(ref _dropped);
}
