using Simulator.Core;

namespace Simulator.Driving.Scenes;

public static partial class SceneLoader
{
    private static LightingSpec ReadLighting(JsonFieldReader? r)
    {
        if (r is not { } l)
        {
            return new LightingSpec();
        }
        l.RejectUnknown("sunAzimuth", "sunElevation", "sunIntensity", "ambient");
        return new LightingSpec
        {
            SunAzimuthDegrees = l.Number("sunAzimuth", 35, -360, 360),
            SunElevationDegrees = l.Number("sunElevation", 50, -10, 90),
            SunIntensity = l.Number("sunIntensity", 1, 0, 5),
            Ambient = l.Number("ambient", 0.35, 0, 2),
        };
    }

    private static WeatherSpec ReadWeather(JsonFieldReader? r)
    {
        if (r is not { } w)
        {
            return new WeatherSpec();
        }
        w.RejectUnknown("fogDensity", "wetness");
        return new WeatherSpec { FogDensity = w.Number("fogDensity", 0, 0, 0.2), Wetness = w.Number("wetness", 0, 0, 1) };
    }

    private static RandomizationSpec ReadRandomization(JsonFieldReader? r)
    {
        if (r is not { } d)
        {
            return new RandomizationSpec();
        }
        d.RejectUnknown("friction", "trafficSpeedScale", "sunElevation", "sunAzimuth", "sunIntensity", "colorJitter",
            "cameraJitter", "imageNoise", "spawnLateral", "randomSpawnS");
        return new RandomizationSpec
        {
            Friction = d.Range("friction", 0.05, 1.5),
            TrafficSpeedScale = d.Range("trafficSpeedScale", 0, 3),
            SunElevationDegrees = d.Range("sunElevation", -10, 90),
            SunAzimuthDegrees = d.Range("sunAzimuth", -360, 360),
            SunIntensity = d.Range("sunIntensity", 0, 5),
            ColorJitter = d.Range("colorJitter", 0, 1),
            CameraJitter = d.Range("cameraJitter", 0, 1),
            ImageNoise = d.Range("imageNoise", 0, 0.5),
            SpawnLateral = d.Range("spawnLateral", -5, 5),
            RandomSpawnS = d.Bool("randomSpawnS", false),
        };
    }

    private static EpisodeSpec ReadEpisode(JsonFieldReader? r)
    {
        if (r is not { } e)
        {
            return new EpisodeSpec();
        }
        e.RejectUnknown("timeLimit", "laps", "offRoadMargin", "stallTime");
        return new EpisodeSpec
        {
            TimeLimit = e.Number("timeLimit", 180, 1, 86_400),
            Laps = e.Int("laps", 1, 0, 1000),
            OffRoadMargin = e.Number("offRoadMargin", 1.0, 0, 20),
            StallTime = e.Number("stallTime", 8, 1, 600),
        };
    }

    private static RewardSpec ReadReward(JsonFieldReader? r)
    {
        if (r is not { } w)
        {
            return new RewardSpec();
        }
        w.RejectUnknown("progress", "speed", "centering", "offRoad", "collision", "smoothness", "yield");
        var d = new RewardSpec();
        return new RewardSpec
        {
            Progress = w.Number("progress", d.Progress, -100, 100),
            Speed = w.Number("speed", d.Speed, -100, 100),
            Centering = w.Number("centering", d.Centering, -100, 100),
            OffRoad = w.Number("offRoad", d.OffRoad, -1000, 1000),
            Collision = w.Number("collision", d.Collision, -1000, 1000),
            Smoothness = w.Number("smoothness", d.Smoothness, -100, 100),
            Yield = w.Number("yield", d.Yield, -100, 100),
        };
    }
}
