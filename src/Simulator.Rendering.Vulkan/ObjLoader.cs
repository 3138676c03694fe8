using System.Globalization;
using System.Numerics;
using Simulator.Core;

namespace Simulator.Rendering.Vulkan;

/// <summary>
/// Minimal Wavefront OBJ reader for low-poly props: v, vn, vt, f (triangles or convex polygons, fan-split; v, v/vt,
/// v//vn, v/vt/vn; negative indices). o, g, s, usemtl, mtllib and comments are ignored. Faces without normals get
/// flat normals. Coordinates are taken as written (Z up, metres). Errors name the file and line.
/// </summary>
public static class ObjLoader
{
    public static MeshData Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new SimInputException("OBJ file not found", path, hint: "check the assets folder");
        }
        using var reader = new StreamReader(path);
        return Parse(reader, path, Path.GetFileNameWithoutExtension(path));
    }

    public static MeshData Parse(TextReader reader, string fileName, string meshName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var positions = new List<Vector3>();
        var normals = new List<Vector3>();
        var uvs = new List<Vector2>();
        var outP = new List<float>();
        var outN = new List<float>();
        var outUv = new List<float>();
        var indices = new List<uint>();
        var corners = new Dictionary<(int, int, int), uint>();
        Span<(int V, int T, int N)> face = stackalloc (int, int, int)[64];
        string? line;
        long lineNo = 0;
        while ((line = reader.ReadLine()) != null)
        {
            lineNo++;
            string text = line.Trim();
            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }
            string[] parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            switch (parts[0])
            {
                case "v":
                    positions.Add(ReadVector3(parts, fileName, lineNo));
                    break;
                case "vn":
                    normals.Add(ReadVector3(parts, fileName, lineNo));
                    break;
                case "vt":
                    if (parts.Length < 3)
                    {
                        throw Error("'vt' needs u and v", fileName, lineNo);
                    }
                    uvs.Add(new Vector2(ReadFloat(parts[1], fileName, lineNo), ReadFloat(parts[2], fileName, lineNo)));
                    break;
                case "f":
                    int count = parts.Length - 1;
                    if (count < 3 || count > face.Length)
                    {
                        throw Error($"a face needs 3 to {face.Length} corners (got {count})", fileName, lineNo);
                    }
                    for (int i = 0; i < count; i++)
                    {
                        face[i] = ReadCorner(parts[i + 1], positions.Count, uvs.Count, normals.Count, fileName, lineNo);
                    }
                    EmitFace(face[..count], positions, normals, uvs, outP, outN, outUv, indices, corners, fileName, lineNo);
                    break;
                case "o" or "g" or "s" or "usemtl" or "mtllib" or "l":
                    break;
                default:
                    throw Error($"unknown OBJ statement '{parts[0]}'", fileName, lineNo);
            }
        }
        if (indices.Count == 0)
        {
            throw new SimInputException("OBJ file has no faces", fileName, line: lineNo, hint: "add 'f' lines");
        }
        return new MeshData([.. outP], [.. outN], uvs.Count > 0 ? [.. outUv] : null, [.. indices], meshName);
    }

    private static void EmitFace(ReadOnlySpan<(int V, int T, int N)> face, List<Vector3> positions, List<Vector3> normals,
        List<Vector2> uvs, List<float> outP, List<float> outN, List<float> outUv, List<uint> indices,
        Dictionary<(int, int, int), uint> corners, string file, long line)
    {
        Vector3 flat = Vector3.Cross(positions[face[1].V] - positions[face[0].V], positions[face[2].V] - positions[face[0].V]);
        bool needsFlat = false;
        foreach (var c in face)
        {
            needsFlat |= c.N < 0;
        }
        if (needsFlat)
        {
            if (flat.LengthSquared() < 1e-20f)
            {
                throw Error("degenerate face (its first three corners are collinear) and no normals given", file, line);
            }
            flat = Vector3.Normalize(flat);
        }
        Span<uint> ids = stackalloc uint[face.Length];
        for (int i = 0; i < face.Length; i++)
        {
            var c = face[i];
            // Corners with a flat normal are not shared (their normal depends on the face).
            if (c.N >= 0 && corners.TryGetValue(c, out uint existing))
            {
                ids[i] = existing;
                continue;
            }
            uint id = (uint)(outP.Count / 3);
            Vector3 p = positions[c.V];
            Vector3 n = c.N >= 0 ? normals[c.N] : flat;
            if (n.LengthSquared() > 0)
            {
                n = Vector3.Normalize(n);
            }
            outP.AddRange([p.X, p.Y, p.Z]);
            outN.AddRange([n.X, n.Y, n.Z]);
            Vector2 uv = c.T >= 0 ? uvs[c.T] : Vector2.Zero;
            outUv.AddRange([uv.X, uv.Y]);
            if (c.N >= 0)
            {
                corners[c] = id;
            }
            ids[i] = id;
        }
        for (int i = 1; i + 1 < face.Length; i++)
        {
            indices.AddRange([ids[0], ids[i], ids[i + 1]]);
        }
    }

    private static (int, int, int) ReadCorner(string token, int vCount, int tCount, int nCount, string file, long line)
    {
        string[] refs = token.Split('/');
        if (refs.Length > 3 || refs[0].Length == 0)
        {
            throw Error($"bad face corner '{token}' (use v, v/vt, v//vn or v/vt/vn)", file, line);
        }
        int v = ResolveIndex(refs[0], vCount, "vertex", file, line);
        int t = refs.Length > 1 && refs[1].Length > 0 ? ResolveIndex(refs[1], tCount, "texture coordinate", file, line) : -1;
        int n = refs.Length > 2 && refs[2].Length > 0 ? ResolveIndex(refs[2], nCount, "normal", file, line) : -1;
        return (v, t, n);
    }

    private static int ResolveIndex(string text, int count, string what, string file, long line)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i) || i == 0)
        {
            throw Error($"bad {what} index '{text}'", file, line);
        }
        int resolved = i > 0 ? i - 1 : count + i;
        if (resolved < 0 || resolved >= count)
        {
            throw Error($"{what} index {i} is out of range ({count} defined so far)", file, line);
        }
        return resolved;
    }

    private static Vector3 ReadVector3(string[] parts, string file, long line)
    {
        if (parts.Length < 4)
        {
            throw Error($"'{parts[0]}' needs x y z", file, line);
        }
        return new Vector3(ReadFloat(parts[1], file, line), ReadFloat(parts[2], file, line), ReadFloat(parts[3], file, line));
    }

    private static float ReadFloat(string text, string file, long line)
    {
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float f) || !float.IsFinite(f))
        {
            throw Error($"'{text}' is not a finite number", file, line);
        }
        return f;
    }

    private static SimInputException Error(string problem, string file, long line) =>
        new(problem, file, line: line, hint: "see the Wavefront OBJ format: v/vn/vt/f lines");
}
