using Simulator.Core;
using Simulator.Driving.Runtime;
using Simulator.Driving.Traffic;
using Simulator.Physics;
using Simulator.World;

namespace Simulator.Driving.Systems;

/// <summary>
/// Physics phase, after integration: finds contacts between vehicles, walkers, props and barriers, resolves vehicle
/// contacts (positional correction + impulse), flags the bodies that touched something, and publishes
/// <see cref="CollisionOccurred"/> on the bus. The collision world is built once per env: every episode of a scene
/// has the same props and the same bodies in the same creation order, so later episodes only rebind them.
/// </summary>
public sealed class CollisionSystem : IWorldSystem, IResettableSystem
{
    private CollisionWorld? _collisions;
    private bool _bound;
    private int[] _vehicleBodies = [];
    private int[] _walkerBodies = [];
    // Per collision-body id: the vehicle it is (or null), its entity id and kind.
    private VehicleBody?[] _vehicleOf = [];
    private int[] _entityOf = [];
    private ActorKind[] _kindOf = [];
    private ContactEvent[] _contacts = new ContactEvent[64];

    public SimPhase Phase => SimPhase.Physics;
    public int Order => 10;

    public void OnWorldReset(World.World world) => _bound = false;

    public void Execute(World.World world, in StepInfo step)
    {
        var vehicles = world.Components<VehicleBody>();
        var walkers = world.Components<PedestrianWalker>();
        if (!_bound)
        {
            Bind(world, vehicles, walkers);
        }
        var cw = _collisions!;
        for (int i = 0; i < vehicles.Length; i++)
        {
            var v = vehicles[i];
            v.Collided = false;
            cw.UpdateVehicle(_vehicleBodies[i], v.State, v.Params);
        }
        for (int i = 0; i < walkers.Length; i++)
        {
            var w = walkers[i];
            cw.UpdateDynamic(_walkerBodies[i], new Circle(w.Position, PedestrianWalker.HalfSize), default, 0);
        }
        int n;
        while ((n = cw.DetectContacts(_contacts)) < cw.LastContactCount)
        {
            _contacts = new ContactEvent[_contacts.Length * 2];
        }
        var ctx = world.FindComponent<DrivingContext>()!;
        for (int k = 0; k < n; k++)
        {
            ref readonly var c = ref _contacts[k];
            var a = _vehicleOf[c.BodyA];
            var b = _vehicleOf[c.BodyB];
            if (a is null && b is null)
            {
                continue; // a walker touching a prop: nobody cares
            }
            Flag(a, _kindOf[c.BodyB]);
            Flag(b, _kindOf[c.BodyA]);
            if (a is not null && b is not null)
            {
                CollisionResponse.ResolveVehicles(ref a.State, a.Params, ref b.State, b.Params, c.Contact);
            }
            else if (a is not null && _kindOf[c.BodyB] != ActorKind.Pedestrian)
            {
                CollisionResponse.ResolveAgainstStatic(ref a.State, a.Params, c.NormalTowards(c.BodyA), c.Contact.Depth, c.Contact.Point);
            }
            else if (b is not null && _kindOf[c.BodyA] != ActorKind.Pedestrian)
            {
                CollisionResponse.ResolveAgainstStatic(ref b.State, b.Params, c.NormalTowards(c.BodyB), c.Contact.Depth, c.Contact.Point);
            }
            world.Bus.Publish(new CollisionOccurred(ctx.EnvIndex, _entityOf[c.BodyA], _kindOf[c.BodyA], _entityOf[c.BodyB], _kindOf[c.BodyB], c.RelativeSpeed, step.Index));
        }
        if (n > 0)
        {
            foreach (var v in vehicles)
            {
                if (v.Collided)
                {
                    v.Query = ctx.Track.Project(v.State.Position, ref v.TrackHint);
                }
            }
        }
    }

    private static void Flag(VehicleBody? v, ActorKind other)
    {
        if (v is not null)
        {
            v.Collided = true;
            v.LastContactKind = other;
        }
    }

    private void Bind(World.World world, ReadOnlySpan<VehicleBody> vehicles, ReadOnlySpan<PedestrianWalker> walkers)
    {
        if (_collisions is null || _vehicleBodies.Length != vehicles.Length || _walkerBodies.Length != walkers.Length)
        {
            Build(world, vehicles, walkers);
        }
        for (int i = 0; i < vehicles.Length; i++)
        {
            _vehicleOf[_vehicleBodies[i]] = vehicles[i];
            _entityOf[_vehicleBodies[i]] = vehicles[i].Entity.Id;
            _kindOf[_vehicleBodies[i]] = vehicles[i].Kind;
        }
        for (int i = 0; i < walkers.Length; i++)
        {
            _entityOf[_walkerBodies[i]] = walkers[i].Entity.Id;
        }
        var props = world.Components<StaticProp>();
        for (int i = 0; i < props.Length; i++)
        {
            _entityOf[i] = props[i].Entity.Id;
        }
        _bound = true;
    }

    private void Build(World.World world, ReadOnlySpan<VehicleBody> vehicles, ReadOnlySpan<PedestrianWalker> walkers)
    {
        var ctx = world.FindComponent<DrivingContext>()!;
        var cw = new CollisionWorld();
        var kinds = new List<ActorKind>();
        foreach (var p in world.Components<StaticProp>())
        {
            var pl = p.Placement;
            cw.AddStatic(ToBody(p.Kind), new Obb(pl.Pose.Position, pl.HalfExtents, pl.Pose.Heading));
            kinds.Add(p.Kind);
        }
        foreach (var seg in ctx.Track.BarrierSegments)
        {
            cw.AddStatic(BodyKind.Barrier, new Segment(seg.A, seg.B));
            kinds.Add(ActorKind.Barrier);
        }
        cw.BuildStaticGrid();
        _vehicleBodies = new int[vehicles.Length];
        for (int i = 0; i < vehicles.Length; i++)
        {
            var v = vehicles[i];
            _vehicleBodies[i] = cw.AddDynamic(v.Kind == ActorKind.ParkedCar ? BodyKind.ParkedCar : BodyKind.Vehicle,
                new Obb(v.State.Position, new Vec2(v.HalfLength, v.HalfWidth), v.State.Yaw));
            kinds.Add(v.Kind);
        }
        _walkerBodies = new int[walkers.Length];
        for (int i = 0; i < walkers.Length; i++)
        {
            _walkerBodies[i] = cw.AddDynamic(BodyKind.Pedestrian, new Circle(walkers[i].Position, PedestrianWalker.HalfSize));
            kinds.Add(ActorKind.Pedestrian);
        }
        _collisions = cw;
        _kindOf = [.. kinds];
        _vehicleOf = new VehicleBody?[kinds.Count];
        _entityOf = new int[kinds.Count];
    }

    private static BodyKind ToBody(ActorKind k) => k switch
    {
        ActorKind.Cone => BodyKind.Cone,
        ActorKind.Barrier => BodyKind.Barrier,
        ActorKind.ParkedCar => BodyKind.ParkedCar,
        ActorKind.Sign => BodyKind.Sign,
        ActorKind.Pedestrian => BodyKind.Pedestrian,
        _ => BodyKind.Static,
    };
}
