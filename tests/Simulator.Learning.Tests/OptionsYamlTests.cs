using Simulator.Core;
using Simulator.Learning.Networks;
using Simulator.Learning.Ppo;

namespace Simulator.Learning.Tests;

public class OptionsYamlTests
{
    [Fact]
    public void ParsesSnakeCaseKeysAndKeepsDefaults()
    {
        var o = PpoOptionsYaml.Parse("""
            learning_rate: 0.001
            gae_lambda: 0.8
            value_clip_range: 0.2
            network:
              image_encoder: impala
              vector_hidden: [32, 16]
              frame_stack: 4
            """);
        Assert.Equal(0.001, o.LearningRate);
        Assert.Equal(0.8, o.GaeLambda);
        Assert.Equal(0.2, o.ValueClipRange);
        Assert.Equal(ImageEncoderKind.Impala, o.Network.ImageEncoder);
        Assert.Equal([32, 16], o.Network.VectorHidden);
        Assert.Equal(4, o.Network.FrameStack);
        Assert.Equal(0.99, o.Gamma); // default kept
        Assert.Equal(new PpoOptions().Epochs, o.Epochs);
    }

    [Fact]
    public void RoundTripsThroughWrite()
    {
        var o = new PpoOptions { Gamma = 0.97, TargetKl = 0.02, Network = new NetworkOptions { RecurrentSize = 32, VectorHidden = [8] } };
        var back = PpoOptionsYaml.Parse(PpoOptionsYaml.Write(o));
        Assert.Equal(0.97, back.Gamma);
        Assert.Equal(0.02, back.TargetKl);
        Assert.Equal(32, back.Network.RecurrentSize);
        Assert.Equal([8], back.Network.VectorHidden);
    }

    [Fact]
    public void UnknownKeyNamesFileAndLine()
    {
        var e = Assert.Throws<SimInputException>(() => PpoOptionsYaml.Parse("gamma: 0.9\nlearning_rat: 1\n", "ppo.yaml"));
        Assert.Equal("ppo.yaml", e.File);
        Assert.Equal(2, e.Line);
        Assert.Contains("learning_rat", e.Message);
    }
}
