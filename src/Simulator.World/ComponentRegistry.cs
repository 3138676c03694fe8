using System.Text.Json;
using Simulator.Core;

namespace Simulator.World;

/// <summary>
/// Maps the type names used in scene files to component factories: the plugin point of the engine. An instance, not
/// a global, so each app or test composes its own set. Register at start-up, before worlds load scenes; not meant for
/// concurrent registration.
/// </summary>
public sealed class ComponentRegistry
{
    private readonly Dictionary<string, Func<ComponentConfig, Component>> _factories = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    /// <summary>Registered names, sorted ordinally.</summary>
    public IReadOnlyList<string> TypeNames => _names;

    /// <summary>
    /// Registers <paramref name="factory"/> under <paramref name="typeName"/> (case-sensitive). The factory reads its
    /// settings from the config and returns a new, unattached component.
    /// </summary>
    public void Register(string typeName, Func<ComponentConfig, Component> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_factories.TryAdd(typeName, factory))
        {
            throw new InvalidOperationException(
                $"Component type name '{typeName}' is already registered; each scene type name maps to one factory. Choose a different name for the second registration.");
        }
        int at = _names.BinarySearch(typeName, StringComparer.Ordinal);
        _names.Insert(~at, typeName);
    }

    /// <summary>Registers a component that takes no settings: any field besides <c>type</c> is an error.</summary>
    public void Register<T>(string typeName) where T : Component, new() => Register(typeName, static config =>
    {
        config.RejectUnknownFields();
        return new T();
    });

    public bool Contains(string typeName) => _factories.ContainsKey(typeName);

    /// <summary>Creates the component named by the config's <c>type</c> field.</summary>
    public Component Create(ComponentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Element.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            string found = config.Element.TryGetProperty("type", out var t) ? JsonFieldReader.Describe(t) : "nothing";
            throw config.Error("type", $"expected the component type name as a string, found {found}", KnownNamesHint());
        }
        return Create(type.GetString()!, config);
    }

    /// <summary>Creates a component of <paramref name="typeName"/> from <paramref name="config"/>.</summary>
    public Component Create(string typeName, ComponentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!_factories.TryGetValue(typeName, out var factory))
        {
            throw config.Error("type", $"unknown component type '{typeName}'", KnownNamesHint());
        }
        Component? component;
        try
        {
            component = factory(config);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // A component constructor rejecting a value is still the file's fault: say where.
            throw new SimInputException($"invalid settings for component '{typeName}': {OneLine(e.Message)}", config.File, config.Path,
                config.Lines?.LineOf(config.Path), inner: e);
        }
        return component ?? throw new InvalidOperationException($"The factory registered for '{typeName}' returned null.");
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private string KnownNamesHint() =>
        _names.Count == 0 ? "no component types are registered" : "known types: " + string.Join(", ", _names);
}
