namespace Simulator.Rendering.Vulkan;

/// <summary>Per-pixel semantic class written to the segmentation output (R8_UINT).</summary>
public enum SemanticClass : byte
{
    Sky = 0,
    Road = 1,
    LaneMarking = 2,
    Vehicle = 3,
    Pedestrian = 4,
    Cone = 5,
    Barrier = 6,
    Sign = 7,
    Terrain = 8,
    Kerb = 9,
}

/// <summary>Which images a <see cref="CameraBatch"/> produces. Colour is always produced.</summary>
[Flags]
public enum RenderOutputs
{
    /// <summary>RGBA8 colour (alpha always 255), N×H×W×4 bytes.</summary>
    Color = 0,
    /// <summary>Linear view depth in metres along the camera axis (float32, sky = far plane), N×H×W.</summary>
    Depth = 1,
    /// <summary>Semantic class per pixel (<see cref="SemanticClass"/> as byte), N×H×W.</summary>
    Segmentation = 2,
    /// <summary>Instance id per pixel (uint32, 0 = none), N×H×W.</summary>
    InstanceIds = 4,
    /// <summary>Per env 2D boxes of visible instances (derived from the instance-id image; implies InstanceIds).</summary>
    Boxes = 8,
    All = Depth | Segmentation | InstanceIds | Boxes,
}
