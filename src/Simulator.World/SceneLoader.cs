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
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            long? line = e.LineNumber is { } l ? l + 1 : null;
            throw new SimInputException($"not valid JSON: {e.Message}", file, null, line, "fix the syntax at that line", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("entities", out var entities))
            {
                throw new SimInputException("expected an object with an \"entities\" array", file, "$", hint: "write { \"entities\": [ ... ] }");
            }
            return LoadEntities(world, registry, entities, "$.entities", file);
        }
    }

    /// <summary>Loads an array of entity objects found at <paramref name="path"/> in <paramref name="file"/>.</summary>
    public static IReadOnlyList<Entity> LoadEntities(World world, ComponentRegistry registry, JsonElement entities, string path, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(registry);
        if (entities.ValueKind != JsonValueKind.Array)
        {
            throw new SimInputException($"expected an array of entities, found {ComponentConfig.Describe(entities)}", file, path);
        }
        var specs = new List<(string Name, string[] Tags, Component[] Components)>(entities.GetArrayLength());
        int i = 0;
        foreach (var element in entities.EnumerateArray())
        {
            specs.Add(ReadEntity(registry, element, $"{path}[{i}]", file));
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

    private static (string, string[], Component[]) ReadEntity(ComponentRegistry registry, JsonElement element, string path, string? file)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SimInputException($"expected an entity object, found {ComponentConfig.Describe(element)}", file, path);
        }
        var config = new ComponentConfig(element, path, file);
        config.RejectUnknownFields("name", "tags", "components");
        if (config.TypeName is not null)
        {
            throw config.Error("type", "an entity has no type; component types go inside \"components\"");
        }
        string name = config.RequireString("name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw config.Error("name", "the entity name is empty", "give the entity a name");
        }
        var tags = ReadStrings(element, "tags", path, file);
        var components = new List<Component>();
        if (element.TryGetProperty("components", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw config.Error("components", $"expected an array of components, found {ComponentConfig.Describe(list)}");
            }
            int c = 0;
            foreach (var item in list.EnumerateArray())
            {
                components.Add(registry.Create(new ComponentConfig(item, $"{path}.components[{c}]", file)));
                c++;
            }
        }
        return (name, tags, components.ToArray());
    }

    private static string[] ReadStrings(JsonElement owner, string name, string path, string? file)
    {
        if (!owner.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new SimInputException($"expected an array of strings, found {ComponentConfig.Describe(array)}", file, $"{path}.{name}");
        }
        var result = new string[array.GetArrayLength()];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new SimInputException($"expected a string, found {ComponentConfig.Describe(item)}", file, $"{path}.{name}[{i}]");
            }
            result[i++] = item.GetString()!;
        }
        return result;
    }
}
