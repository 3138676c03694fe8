using System.Text.Json;
using Simulator.Core;

namespace Simulator.World;

/// <summary>
/// Builds entities from JSON through a <see cref="ComponentRegistry"/>. Entity format:
/// <c>{ "name": "car", "tags": ["vehicle"], "components": [ { "type": "Odometer", ... } ] }</c>.
/// Every component is created before any entity is added, so a bad file leaves the world untouched.
/// </summary>
public static class SceneLoader
{
    /// <summary>Parses <paramref name="json"/> and loads its <c>entities</c> array (other top-level fields are ignored).</summary>
    public static IReadOnlyList<Entity> LoadJson(World world, ComponentRegistry registry, string json, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        string source = file ?? "<scene>";
        using var document = JsonFieldReader.Parse(json, source, out var lines, "write { \"entities\": [ ... ] }");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("entities", out var entities))
        {
            throw new SimInputException("expected an object with an \"entities\" array", source, "$", lines.LineOf("$"), "write { \"entities\": [ ... ] }");
        }
        return LoadEntities(world, registry, entities, "$.entities", source, lines);
    }

    /// <summary>Loads an array of entity objects found at <paramref name="path"/> in <paramref name="file"/>.</summary>
    public static IReadOnlyList<Entity> LoadEntities(World world, ComponentRegistry registry, JsonElement entities, string path, string? file = null,
        JsonLineMap? lines = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(registry);
        if (entities.ValueKind != JsonValueKind.Array)
        {
            throw new SimInputException($"expected an array of entities, found {JsonFieldReader.Describe(entities)}", file, path, lines?.LineOf(path));
        }
        var specs = new List<(string Name, string[] Tags, Component[] Components)>(entities.GetArrayLength());
        int i = 0;
        foreach (var element in entities.EnumerateArray())
        {
            specs.Add(ReadEntity(registry, element, $"{path}[{i}]", file, lines));
            i++;
        }
        var created = new Entity[specs.Count];
        for (int e = 0; e < specs.Count; e++)
        {
            var (name, tags, components) = specs[e];
            var entity = world.CreateEntity(name, tags);
            foreach (var component in components)
            {
                entity.AddComponent(component);
            }
            created[e] = entity;
        }
        return created;
    }

    private static (string, string[], Component[]) ReadEntity(ComponentRegistry registry, JsonElement element, string path, string? file, JsonLineMap? lines)
    {
        var entity = JsonFieldReader.Object(element, path, file, lines);
        if (entity.Has("type"))
        {
            throw entity.Error("an entity has no type; component types go inside \"components\"", "type");
        }
        entity.RejectUnknown("name", "tags", "components");
        string name = entity.String("name");
        var tags = entity.Strings("tags");
        var components = new List<Component>();
        if (entity.ArrayOf("components") is { } list)
        {
            int c = 0;
            foreach (var item in list.EnumerateArray())
            {
                components.Add(registry.Create(new ComponentConfig(item, $"{path}.components[{c}]", file, lines)));
                c++;
            }
        }
        return (name, tags, components.ToArray());
    }
}
