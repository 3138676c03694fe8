namespace Simulator.Tracks;

/// <summary>Growable vertex/index buffers for one mesh part (build time only, not a hot path).</summary>
internal sealed class MeshWriter
{
    private readonly List<float> _vertices = [];
    private readonly List<uint> _indices = [];

    public uint VertexCount => (uint)(_vertices.Count / TrackMeshPart.FloatsPerVertex);

    public uint Add(double x, double y, double z, double nx, double ny, double nz, double u, double v)
    {
        uint index = VertexCount;
        _vertices.Add((float)x);
        _vertices.Add((float)y);
        _vertices.Add((float)z);
        _vertices.Add((float)nx);
        _vertices.Add((float)ny);
        _vertices.Add((float)nz);
        _vertices.Add((float)u);
        _vertices.Add((float)v);
        return index;
    }

    /// <summary>Quad a-b-c-d, counter-clockwise seen from the front.</summary>
    public void Quad(uint a, uint b, uint c, uint d)
    {
        _indices.Add(a);
        _indices.Add(b);
        _indices.Add(c);
        _indices.Add(a);
        _indices.Add(c);
        _indices.Add(d);
    }

    public TrackMeshPart Build(string name) => new(name, [.. _vertices], [.. _indices]);
}
