using Simulator.Perception.Onnx;

namespace Simulator.Perception.Tests;

/// <summary>The models in models/ load against the convention's contracts and say what they are.</summary>
public class ShippedModelTests
{
    private static string ModelPath(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Simulator.sln")))
            {
                return Path.Combine(dir.FullName, "models", file);
            }
        }
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }

    [Theory]
    [InlineData("perception-lanes.onnx", "lanes")]
    [InlineData("perception-objects.onnx", "objects")]
    public void Shipped_model_loads_against_its_contract(string file, string task)
    {
        ModelContract contract = task == "lanes" ? ModelContract.LaneModel(96, 96) : ModelContract.ObjectModel(96, 96);
        using var model = OnnxModel.Load(ModelPath(file), contract);
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(ModelPath(file));
        var meta = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal(task, meta["task"]);
        Assert.Equal("1", meta["convention_version"]);
        Assert.StartsWith(task == "lanes" ? "other,road,lane_marking" : "vehicle,pedestrian,cone,barrier,sign", meta["class_names"]);
        Assert.Contains("PerceptionDatasetGenerator", meta["training_data"]);
    }
}
