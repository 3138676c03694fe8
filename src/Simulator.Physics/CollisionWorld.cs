using Simulator.Core;

namespace Simulator.Physics;

/// <summary>
/// Static shapes (barriers, props; added once, then indexed in a uniform grid) and dynamic bodies (vehicles,
/// pedestrians; moved every step). Every body gets an id from one counter in creation order. Finding contacts is
/// allocation-free once the internal buffers have grown to the scene's needs, and deterministic: results are sorted
/// by (BodyA, BodyB). Not thread-safe: one world per env.
/// </summary>
public sealed partial class CollisionWorld
{
    private CollisionShape[] _shapes = new CollisionShape[64];
    private Aabb[] _bounds = new Aabb[64];
    private BodyKind[] _kinds = new BodyKind[64];
    private bool[] _isStatic = new bool[64];
    private bool[] _active = new bool[64];
    private Vec2[] _velocity = new Vec2[64];
    private double[] _angularVelocity = new double[64];
    private int _count;

    private int[] _dynamicIds = new int[16];
    private int _dynamicCount;
    private int[] _sweep = new int[16];

    private ContactEvent[] _found = new ContactEvent[256];
    private int _foundCount;

    /// <param name="cellSize">Edge of a static grid cell, m: about the size of a car works well.</param>
    public CollisionWorld(double cellSize = 8)
    {
        if (!(double.IsFinite(cellSize) && cellSize > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize, "grid cell size must be positive and finite");
        }
        _cellSize = cellSize;
    }

    public int BodyCount => _count;
    public int StaticCount => _staticCount;
    public int DynamicCount => _dynamicCount;

    /// <summary>Contacts found by the last <see cref="DetectContacts"/>, including those that did not fit the span.</summary>
    public int LastContactCount => _foundCount;

    public BodyKind KindOf(int id) => _kinds[CheckId(id)];
    public ref readonly CollisionShape ShapeOf(int id) => ref _shapes[CheckId(id)];
    public bool IsStatic(int id) => _isStatic[CheckId(id)];

    /// <summary>Adds a static shape; only before <see cref="BuildStaticGrid"/> (or the first detection, which builds it).</summary>
    public int AddStatic(BodyKind kind, in CollisionShape shape)
    {
        if (_gridBuilt)
        {
            throw new InvalidOperationException("static shapes must be added before the static grid is built");
        }
        int id = Add(kind, shape, isStatic: true);
        AddStaticIndex(id);
        return id;
    }

    /// <summary>Adds a dynamic body (OBB or circle) and returns its id.</summary>
    public int AddDynamic(BodyKind kind, in CollisionShape shape, Vec2 velocity = default, double angularVelocity = 0)
    {
        if (shape.Type == ShapeType.Segment)
        {
            throw new ArgumentException("dynamic bodies must be boxes or circles", nameof(shape));
        }
        int id = Add(kind, shape, isStatic: false);
        if (_dynamicCount == _dynamicIds.Length)
        {
            Array.Resize(ref _dynamicIds, _dynamicCount * 2);
            Array.Resize(ref _sweep, _dynamicCount * 2);
        }
        _dynamicIds[_dynamicCount] = id;
        _sweep[_dynamicCount] = id;
        _dynamicCount++;
        _velocity[id] = velocity;
        _angularVelocity[id] = angularVelocity;
        return id;
    }

    /// <summary>Moves a dynamic body; velocities (world frame, m/s and rad/s) rate the severity of its contacts.</summary>
    public void UpdateDynamic(int id, in CollisionShape shape, Vec2 velocity, double angularVelocity)
    {
        CheckId(id);
        if (_isStatic[id] || shape.Type == ShapeType.Segment || shape.Type != _shapes[id].Type)
        {
            throw new ArgumentException($"body {id} is static or the shape type changed", nameof(id));
        }
        if (!shape.IsFinite || !velocity.IsFinite || !double.IsFinite(angularVelocity))
        {
            throw new ArgumentException($"body {id}: shape or velocity is not finite", nameof(shape));
        }
        _shapes[id] = shape;
        _bounds[id] = shape.Bounds;
        _velocity[id] = velocity;
        _angularVelocity[id] = angularVelocity;
    }

    /// <summary>Convenience for vehicles: body box and world velocity from the vehicle state.</summary>
    public void UpdateVehicle(int id, in VehicleState s, in VehicleParams p) =>
        UpdateDynamic(id, Obb.ForVehicle(s, p), s.WorldVelocity, s.YawRate);

    /// <summary>Inactive bodies (despawned traffic, removed props) take part in no contact.</summary>
    public void SetActive(int id, bool active) => _active[CheckId(id)] = active;

    private int Add(BodyKind kind, in CollisionShape shape, bool isStatic)
    {
        if (!shape.IsFinite)
        {
            throw new ArgumentException("shape must be finite with non-negative size", nameof(shape));
        }
        if (_count == _shapes.Length)
        {
            int n = _count * 2;
            Array.Resize(ref _shapes, n);
            Array.Resize(ref _bounds, n);
            Array.Resize(ref _kinds, n);
            Array.Resize(ref _isStatic, n);
            Array.Resize(ref _active, n);
            Array.Resize(ref _velocity, n);
            Array.Resize(ref _angularVelocity, n);
        }
        int id = _count++;
        _shapes[id] = shape;
        _bounds[id] = shape.Bounds;
        _kinds[id] = kind;
        _isStatic[id] = isStatic;
        _active[id] = true;
        return id;
    }

    private int CheckId(int id)
    {
        if ((uint)id >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, "no such body");
        }
        return id;
    }
}
