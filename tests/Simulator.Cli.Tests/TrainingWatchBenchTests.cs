using System.Text.Json;

namespace Simulator.Cli.Tests;

public class TrainingWatchBenchTests
{
    [Fact]
    public void Bench_train_watch_prints_steps_per_second_with_and_without_the_feed_and_panels()
    {
        var (code, output, err) = CliTests.Run("bench", "train", "--obs", "vector", "--envs", "2", "--iterations", "2", "--rollout", "8", "--watch", "--json");
        Assert.True(code == 0, err);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, root.GetProperty("results").GetArrayLength());
        JsonElement watch = root.GetProperty("watch")[0];
        Assert.Equal(2, watch.GetProperty("envs").GetInt32());
        foreach (string figure in new[] { "withoutWatch", "feedOnly", "withWatch", "ratio", "feedRatio" })
        {
            Assert.True(watch.GetProperty(figure).GetDouble() > 0, figure);
        }
        Assert.True(watch.GetProperty("metricPublishes").GetInt64() > 0);
    }
}
