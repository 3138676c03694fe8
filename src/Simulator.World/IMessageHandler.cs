namespace Simulator.World;

/// <summary>Receives messages of type <typeparamref name="T"/> synchronously, on the publishing thread.</summary>
public interface IMessageHandler<T> where T : struct
{
    void Handle(in T message);
}

/// <summary>A delegate form of <see cref="IMessageHandler{T}"/> for <see cref="MessageBus.Subscribe{T}(MessageAction{T})"/>.</summary>
public delegate void MessageAction<T>(in T message) where T : struct;
