using Simulator.Core;
using Simulator.Rendering.Vulkan;

namespace Simulator.Rendering.Vulkan.Tests;

public sealed class ObjLoaderTests
{
    private static MeshData Parse(string text) => ObjLoader.Parse(new StringReader(text), "test.obj", "test");

    [Fact]
    public void Quad_with_normals_and_uvs_is_triangulated_and_shares_corners()
    {
        MeshData m = Parse("# quad\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\nvt 1 0\nvt 1 1\nvt 0 1\nvn 0 0 1\ng q\nf 1/1/1 2/2/1 3/3/1 4/4/1\n");
        Assert.Equal(4, m.VertexCount);
        Assert.Equal(2, m.TriangleCount);
        Assert.Equal(new uint[] { 0, 1, 2, 0, 2, 3 }, m.Indices);
        Assert.NotNull(m.Uvs);
        Assert.Equal(1f, m.Uvs![5]);
        Assert.Equal(1f, m.Normals[2]);
    }

    [Fact]
    public void Faces_without_normals_get_flat_counter_clockwise_normals_and_negative_indices_work()
    {
        MeshData m = Parse("v 0 0 0\nv 1 0 0\nv 0 1 0\nf -3 -2 -1\n");
        Assert.Equal(3, m.VertexCount);
        Assert.Equal(new float[] { 0, 0, 1 }, m.Normals[..3]);
        Assert.Null(m.Uvs);
    }

    [Theory]
    [InlineData("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 4\n", 4, "out of range")]
    [InlineData("v 0 0\n", 1, "needs x y z")]
    [InlineData("v 0 0 0\nv 1 x 0\n", 2, "not a finite number")]
    [InlineData("v 0 0 0\nv 1 0 0\nf 1 2\n", 3, "3 to")]
    [InlineData("v 0 0 0\nbogus 1\n", 2, "unknown OBJ statement")]
    [InlineData("v 0 0 0\nv 1 0 0\nv 2 0 0\nf 1 2 3\n", 4, "degenerate")]
    [InlineData("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1/a 2 3\n", 4, "bad texture coordinate index")]
    public void Malformed_files_give_a_clear_error_with_line_number(string text, int line, string expected)
    {
        var e = Assert.Throws<SimInputException>(() => Parse(text));
        Assert.Equal(line, e.Line);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains($"test.obj:{line}", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.ExitCode);
    }

    [Fact]
    public void Empty_file_is_rejected()
    {
        var e = Assert.Throws<SimInputException>(() => Parse("# nothing\nv 0 0 0\n"));
        Assert.Contains("no faces", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_a_clear_error()
    {
        var e = Assert.Throws<SimInputException>(() => ObjLoader.Load("/nonexistent/car.obj"));
        Assert.Contains("/nonexistent/car.obj", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Committed_assets_match_the_generator_and_load()
    {
        bool regenerate = Environment.GetEnvironmentVariable("SIM_REGENERATE_ASSETS") == "1";
        foreach ((string name, string text) in AssetGenerator.All())
        {
            string path = Path.Combine(TestPaths.Assets, name + ".obj");
            if (regenerate)
            {
                Directory.CreateDirectory(TestPaths.Assets);
                File.WriteAllText(path, text);
            }
            Assert.True(File.Exists(path), $"{path} missing: run the tests with SIM_REGENERATE_ASSETS=1");
            Assert.Equal(text, File.ReadAllText(path));
            MeshData mesh = ObjLoader.Load(path);
            Assert.True(mesh.TriangleCount >= 12, name);
        }
        foreach (string name in PropLibrary.Names)
        {
            Assert.True(File.Exists(Path.Combine(PropLibrary.DefaultDirectory, name + ".obj")), $"{name}.obj not copied next to the binaries");
        }
    }
}
