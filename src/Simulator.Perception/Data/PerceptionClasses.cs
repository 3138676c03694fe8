using Simulator.Rendering.Vulkan;

namespace Simulator.Perception.Data;

/// <summary>Pixel classes of the lane model (its output channels, in this order).</summary>
public enum LaneClass : byte
{
    Other = 0,
    /// <summary>Drivable road surface (road pixels that are not markings).</summary>
    Road = 1,
    LaneMarking = 2,
}

/// <summary>Classes of the object model (its heatmap channels, in this order).</summary>
public enum ObjectClass : byte
{
    Vehicle = 0,
    Pedestrian = 1,
    Cone = 2,
    Barrier = 3,
    Sign = 4,
}

public static class PerceptionClasses
{
    public const int LaneClassCount = 3;
    public const int ObjectClassCount = 5;

    public static readonly string[] LaneClassNames = ["other", "road", "lane_marking"];
    public static readonly string[] ObjectClassNames = ["vehicle", "pedestrian", "cone", "barrier", "sign"];

    /// <summary>The lane-model target of a renderer segmentation class.</summary>
    public static LaneClass LaneClassOf(SemanticClass c) => c switch
    {
        SemanticClass.Road => LaneClass.Road,
        SemanticClass.LaneMarking => LaneClass.LaneMarking,
        _ => LaneClass.Other,
    };

    /// <summary>The object class of a renderer segmentation class, or null for classes that are not objects.</summary>
    public static ObjectClass? ObjectClassOf(SemanticClass c) => c switch
    {
        SemanticClass.Vehicle => ObjectClass.Vehicle,
        SemanticClass.Pedestrian => ObjectClass.Pedestrian,
        SemanticClass.Cone => ObjectClass.Cone,
        SemanticClass.Barrier => ObjectClass.Barrier,
        SemanticClass.Sign => ObjectClass.Sign,
        _ => null,
    };
}
