using Simulator.Driving.Cameras;
using Simulator.Rendering.Vulkan;
using Simulator.Tracks;

namespace Simulator.Driving.Tests;

/// <summary>A scene's static parts: its track's, plus its crosswalks painted as zebra stripes of road class.</summary>
public class SceneVisualsTests
{
    [Fact]
    public void Crosswalks_are_painted_as_road_and_scenes_without_them_keep_the_track_parts()
    {
        var urban = TestScenes.Shipped("urban-loop");
        Assert.NotEmpty(urban.Description.Crosswalks);
        var withZebra = SceneVisuals.StaticParts(urban);
        var trackOnly = SceneVisuals.StaticParts(urban.Track);
        Assert.Equal(trackOnly.Count + 1, withZebra.Count);
        var zebra = withZebra[^1];
        Assert.Equal(TrackMesh.CrosswalkName, zebra.Mesh.Name);
        Assert.Equal(SemanticClass.Road, zebra.Class);
        Assert.Equal(SceneVisuals.Marking, zebra.Color);

        var oval = TestScenes.Oval();
        Assert.Empty(oval.Description.Crosswalks);
        Assert.Equal(SceneVisuals.StaticParts(oval.Track).Select(p => p.Mesh.Name), SceneVisuals.StaticParts(oval).Select(p => p.Mesh.Name));
    }
}
