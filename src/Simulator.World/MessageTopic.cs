namespace Simulator.World;

/// <summary>Subscribers of one message type. Copy-on-write arrays: publishers read without locking.</summary>
internal sealed class MessageTopic<T>(Lock gate) where T : struct
{
    private volatile IMessageHandler<T>[] _handlers = [];
    private volatile BufferedSubscription<T>[] _buffered = [];

    internal int Count => _handlers.Length + _buffered.Length;

    internal void Publish(in T message)
    {
        var handlers = _handlers;
        for (int i = 0; i < handlers.Length; i++)
        {
            handlers[i].Handle(in message);
        }
        var buffered = _buffered;
        for (int i = 0; i < buffered.Length; i++)
        {
            buffered[i].Write(in message);
        }
    }

    internal void AddHandler(IMessageHandler<T> handler)
    {
        lock (gate)
        {
            _handlers = Added(_handlers, handler);
        }
    }

    internal void RemoveHandler(IMessageHandler<T> handler)
    {
        lock (gate)
        {
            _handlers = Removed(_handlers, handler);
        }
    }

    internal void AddBuffered(BufferedSubscription<T> subscription)
    {
        lock (gate)
        {
            _buffered = Added(_buffered, subscription);
        }
    }

    internal void RemoveBuffered(BufferedSubscription<T> subscription)
    {
        lock (gate)
        {
            _buffered = Removed(_buffered, subscription);
        }
    }

    private static TItem[] Added<TItem>(TItem[] items, TItem item)
    {
        var copy = new TItem[items.Length + 1];
        Array.Copy(items, copy, items.Length);
        copy[^1] = item;
        return copy;
    }

    private static TItem[] Removed<TItem>(TItem[] items, TItem item) where TItem : class
    {
        int at = Array.IndexOf(items, item);
        if (at < 0)
        {
            return items;
        }
        var copy = new TItem[items.Length - 1];
        Array.Copy(items, 0, copy, 0, at);
        Array.Copy(items, at + 1, copy, at, items.Length - at - 1);
        return copy;
    }
}
