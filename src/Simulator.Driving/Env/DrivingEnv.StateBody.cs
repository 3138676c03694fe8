using Simulator.Core;
using Simulator.Driving.Runtime;
using Simulator.World;

namespace Simulator.Driving.Env;

// The simulation part of a checkpoint: the episode seed and number, the step index, then every entity in id order
// (id, component count) with every component's values (behaviour flags, then its IStateful values). Loading rebuilds
// the entities with Reset's spawn from the same seed, checks the structure matches, and overwrites the values.
public sealed partial class DrivingEnv
{
    private ulong _episodeSeed;
    private bool _hasEpisode;
    private (int Entities, int Components) _spawned;
    private ulong _componentTypes; // hash of the episode's component type names in order; 0 until a save needs it

    private static (int Entities, int Components) CountStructure(World.World world)
    {
        int components = 0;
        foreach (var e in world.Entities)
        {
            components += e.Components.Length;
        }
        return (world.EntityCount, components);
    }

    /// <summary>Hash of every component's type name in iteration order: a state only fits a world built of the same types.</summary>
    private static ulong ComponentTypesHash(World.World world)
    {
        ulong h = 14695981039346656037UL;
        foreach (var e in world.Entities)
        {
            foreach (var c in e.Components)
            {
                foreach (char ch in c.GetType().FullName ?? c.GetType().Name)
                {
                    h = (h ^ ch) * 1099511628211UL;
                }
                h = (h ^ 0xFF) * 1099511628211UL;
            }
        }
        return h == 0 ? 1 : h;
    }

    private void WriteBody(StateWriter w)
    {
        if (CountStructure(World) != _spawned)
        {
            throw new SimInputException("the world's entities changed during the episode (created, destroyed or given components after Reset), so its state cannot be saved",
                hint: "re-simulate from the start of the episode");
        }
        w.WriteUInt64(_episodeSeed);
        w.WriteInt64(Episode);
        w.WriteInt64(World.StepIndex);
        if (_componentTypes == 0)
        {
            _componentTypes = ComponentTypesHash(World);
        }
        w.WriteInt32(World.EntityCount);
        w.WriteUInt64(_componentTypes);
        foreach (var e in World.Entities)
        {
            var components = e.Components;
            w.WriteInt32(e.Id);
            w.WriteInt32(components.Length);
            foreach (var c in components)
            {
                if (c is not IStateful stateful)
                {
                    throw new SimInputException($"component {c.GetType().FullName} on entity '{e.Name}' cannot be saved: it does not implement Simulator.World.IStateful",
                        hint: "implement IStateful on the component to make its episodes seekable, or re-simulate from the start of the episode");
                }
                if (c is Behaviour b)
                {
                    w.WriteByte((byte)((b.Enabled ? 1 : 0) | (b.Started ? 2 : 0)));
                }
                stateful.SaveState(w);
            }
        }
    }

    private void ReadBody(ReadOnlySpan<byte> state, int offset)
    {
        var r = new StateReader(state);
        r.ReadBytes(offset);
        ulong seed = r.ReadUInt64();
        long episode = r.ReadInt64();
        long stepIndex = r.ReadInt64();
        int entityCount = r.ReadInt32();
        ulong componentTypes = r.ReadUInt64();
        if (episode < 1 || stepIndex < 0)
        {
            throw new SimInputException($"state is damaged: episode {episode}, step {stepIndex}");
        }
        World.Reset();
        Spawn(seed);
        if (World.EntityCount != entityCount)
        {
            throw new SimInputException($"state has {entityCount} entities, but this scene spawns {World.EntityCount}");
        }
        if (componentTypes != ComponentTypesHash(World))
        {
            throw new SimInputException("state was saved from a world built of other component types than this env spawns (another component registry?)",
                hint: "load it into an env whose EnvOptions.Registry creates the same host component types");
        }
        foreach (var e in World.Entities)
        {
            int id = r.ReadInt32();
            int count = r.ReadInt32();
            var components = e.Components;
            if (id != e.Id || count != components.Length)
            {
                throw new SimInputException($"state does not match the spawned entities: entity #{id} with {count} components where the scene spawns '{e.Name}' (#{e.Id}) with {components.Length}");
            }
            foreach (var c in components)
            {
                if (c is not IStateful stateful)
                {
                    throw new SimInputException($"component {c.GetType().FullName} on entity '{e.Name}' cannot be restored: it does not implement Simulator.World.IStateful");
                }
                if (c is Behaviour b)
                {
                    byte flags = r.ReadByte();
                    if (flags > 3)
                    {
                        throw new SimInputException($"state is damaged: behaviour flags {flags} of {c.GetType().Name} on '{e.Name}'");
                    }
                    b.Enabled = (flags & 1) != 0;
                    if ((flags & 2) != 0)
                    {
                        World.RestoreStarted(b);
                    }
                }
                stateful.LoadState(ref r);
            }
        }
        if (r.Remaining != 0)
        {
            throw new SimInputException($"state is damaged: {r.Remaining} bytes are left after the last entity");
        }
        World.RestoreStepIndex(stepIndex);
        _episodeSeed = seed;
        _spawned = CountStructure(World);
        _componentTypes = componentTypes;
        Episode = episode;
        _hasEpisode = true;
        _needsReset = Ego.End != EpisodeEnd.None;
        _info = MakeInfo();
        _snapshots.BeginEpisode(_ctx.Conditions);
        _snapshots.Fill(World, _ctx, Ego, Episode, Snapshot);
    }
}
