using System.Text.Json;

namespace Simulator.Driving.Scenes;

public static partial class SceneWriter
{
    private static void WriteRange(Utf8JsonWriter w, string name, (double Min, double Max)? range)
    {
        if (range is not { } r)
        {
            return;
        }
        w.WriteStartArray(name);
        w.WriteNumberValue(r.Min);
        w.WriteNumberValue(r.Max);
        w.WriteEndArray();
    }

    private static void WriteEnvironment(Utf8JsonWriter w, SceneDescription d)
    {
        w.WriteStartObject("lighting");
        w.WriteNumber("sunAzimuth", d.Lighting.SunAzimuthDegrees);
        w.WriteNumber("sunElevation", d.Lighting.SunElevationDegrees);
        w.WriteNumber("sunIntensity", d.Lighting.SunIntensity);
        w.WriteNumber("ambient", d.Lighting.Ambient);
        w.WriteEndObject();
        w.WriteStartObject("weather");
        w.WriteNumber("fogDensity", d.Weather.FogDensity);
        w.WriteNumber("wetness", d.Weather.Wetness);
        w.WriteEndObject();
        var r = d.Randomization;
        w.WriteStartObject("randomization");
        WriteRange(w, "friction", r.Friction);
        WriteRange(w, "trafficSpeedScale", r.TrafficSpeedScale);
        WriteRange(w, "sunElevation", r.SunElevationDegrees);
        WriteRange(w, "sunAzimuth", r.SunAzimuthDegrees);
        WriteRange(w, "sunIntensity", r.SunIntensity);
        WriteRange(w, "colorJitter", r.ColorJitter);
        WriteRange(w, "cameraJitter", r.CameraJitter);
        WriteRange(w, "imageNoise", r.ImageNoise);
        WriteRange(w, "spawnLateral", r.SpawnLateral);
        w.WriteBoolean("randomSpawnS", r.RandomSpawnS);
        w.WriteEndObject();
    }

    private static void WriteEpisode(Utf8JsonWriter w, EpisodeSpec e, RewardSpec r)
    {
        w.WriteStartObject("episode");
        w.WriteNumber("timeLimit", e.TimeLimit);
        w.WriteNumber("laps", e.Laps);
        w.WriteNumber("offRoadMargin", e.OffRoadMargin);
        w.WriteNumber("stallTime", e.StallTime);
        w.WriteEndObject();
        w.WriteStartObject("reward");
        w.WriteNumber("progress", r.Progress);
        w.WriteNumber("speed", r.Speed);
        w.WriteNumber("centering", r.Centering);
        w.WriteNumber("offRoad", r.OffRoad);
        w.WriteNumber("collision", r.Collision);
        w.WriteNumber("smoothness", r.Smoothness);
        w.WriteNumber("yield", r.Yield);
        w.WriteEndObject();
    }
}
