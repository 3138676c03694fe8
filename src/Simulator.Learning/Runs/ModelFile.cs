using System.Text;
using Simulator.Core;
using Simulator.Learning.Env;
using Simulator.Learning.Networks;
using Simulator.Learning.Ppo;
using Simulator.Torch;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Simulator.Learning.Runs;

/// <summary>
/// Checkpoints of a run: a <see cref="PpoCheckpoint"/> archive (policy, optimizer state, counters, so
/// <see cref="PpoTrainer.LoadCheckpoint"/> reads it) plus a "meta" entry (<see cref="ModelMeta"/> as YAML) that lets
/// evaluation rebuild the policy alone. Written atomically: a kill leaves the previous file intact.
/// </summary>
public static class ModelFile
{
    private const string MetaKey = "meta";

    private static readonly ISerializer s_serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    private static readonly IDeserializer s_deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build();

    public static void Save(string path, PpoTrainer trainer, ModelMeta meta)
    {
        using var scope = TorchScope.Enter();
        var entries = trainer.CheckpointEntries();
        byte[] text = Encoding.UTF8.GetBytes(s_serializer.Serialize(meta));
        entries.Add(new(MetaKey, Tensor.FromArray(text, text.Length)));
        TensorArchive.Save(path, entries);
    }

    /// <summary>Reads only the meta entry.</summary>
    public static ModelMeta ReadMeta(string path)
    {
        Require(path);
        using var scope = TorchScope.Enter();
        return Meta(TensorArchive.Load(path), path);
    }

    /// <summary>Rebuilds the policy stored in <paramref name="path"/> (CPU).</summary>
    public static (ActorCritic Policy, ModelMeta Meta) LoadPolicy(string path)
    {
        Require(path);
        using var scope = TorchScope.Enter();
        var entries = TensorArchive.Load(path);
        ModelMeta meta = Meta(entries, path);
        const string prefix = "policy.";
        var parameters = new List<KeyValuePair<string, Tensor>>();
        foreach (var e in entries)
        {
            if (e.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                parameters.Add(new(e.Key[prefix.Length..], e.Value));
            }
        }
        ActorCritic policy;
        try
        {
            policy = new ActorCritic(meta.ToObservation(), meta.ToAction(), meta.Network);
        }
        catch (SimInputException e)
        {
            throw new SimInputException($"model description is invalid: {e.Problem}", file: path, inner: e);
        }
        policy.LoadStateDict(parameters, path);
        return (policy, meta);
    }

    /// <summary>SHA-256 of a model file as lower-case hex (its identity in a run that starts from it).</summary>
    public static string Sha256(string path)
    {
        Require(path);
        try
        {
            using FileStream stream = File.OpenRead(path);
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SimInputException("cannot read the model file", file: path, hint: "check that the file exists and is readable", inner: e);
        }
    }

    /// <summary>Fails with both shapes when a model does not fit an env.</summary>
    public static void CheckFits(ModelMeta meta, ObservationSpec observation, ActionSpec action, string modelPath, string envName)
    {
        if (meta.ToObservation() != observation)
        {
            throw new SimInputException($"model observes {ModelMeta.Describe(meta.ToObservation())} but {envName} provides {ModelMeta.Describe(observation)}",
                file: modelPath, hint: "evaluate on scenes with the sensors the model was trained with");
        }
        if (meta.ActionKind != action.Kind || meta.ActionDim != action.Dim)
        {
            throw new SimInputException($"model acts with {ModelMeta.Describe(meta.ToAction())} but {envName} takes {ModelMeta.Describe(action)}", file: modelPath,
                hint: "use the action mode the model was trained with");
        }
    }

    private static void Require(string path)
    {
        if (!File.Exists(path))
        {
            throw new SimInputException("model file not found", file: path, hint: "pass a checkpoint such as runs/<name>/checkpoints/best.pt");
        }
    }

    private static ModelMeta Meta(List<KeyValuePair<string, Tensor>> entries, string path)
    {
        foreach (var e in entries)
        {
            if (e.Key == MetaKey)
            {
                if (e.Value.DType != DType.UInt8)
                {
                    throw new SimInputException("model description is corrupt (not text)", file: path);
                }
                try
                {
                    return s_deserializer.Deserialize<ModelMeta?>(Encoding.UTF8.GetString(e.Value.ToArray<byte>()))
                        ?? throw new SimInputException("model description is empty", file: path);
                }
                catch (YamlException ex)
                {
                    throw new SimInputException($"model description is corrupt: {ex.Message.Split('\n')[0]}", file: path, inner: ex);
                }
            }
        }
        throw new SimInputException("not a model file of this simulator (no 'meta' entry)", file: path,
            hint: "pass a checkpoint written by `sim train` (runs/<name>/checkpoints/latest.pt or best.pt)");
    }
}
