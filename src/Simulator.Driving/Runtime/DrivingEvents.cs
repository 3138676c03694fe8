namespace Simulator.Driving.Runtime;

/// <summary>Published on the world's bus when an ego completes a lap.</summary>
public readonly record struct LapCompleted(int EnvIndex, int EntityId, int Lap, double LapTime, long Step);

/// <summary>Published on the world's bus when an ego's episode ends (terminated or truncated).</summary>
public readonly record struct EpisodeEnded(int EnvIndex, int EntityId, Env.EpisodeEnd Reason, int Laps, double Time, long Step);

/// <summary>Published on the world's bus for each contact a vehicle is part of during a step.</summary>
public readonly record struct CollisionOccurred(int EnvIndex, int EntityA, ActorKind KindA, int EntityB, ActorKind KindB, double RelativeSpeed, long Step);
