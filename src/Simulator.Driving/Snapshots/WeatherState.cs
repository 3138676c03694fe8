namespace Simulator.Driving.Snapshots;

/// <summary>The weather of the episode as drawn: fog density (per metre) and road wetness (0..1).</summary>
public readonly record struct WeatherState(float FogDensity, float Wetness);
