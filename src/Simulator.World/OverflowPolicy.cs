namespace Simulator.World;

/// <summary>What a buffered subscription does when its buffer is full and another message is published.</summary>
public enum OverflowPolicy
{
    /// <summary>Evict the oldest buffered message to make room (a live viewer wants the latest).</summary>
    DropOldest,
    /// <summary>Discard the message being published; the buffer keeps what it has.</summary>
    DropNewest,
    /// <summary>Block the publisher until the reader makes room (a recorder must not lose anything).</summary>
    Wait,
}
