using Simulator.Core;
using Simulator.Learning.Networks;
using Simulator.Torch;

namespace Simulator.Learning.Ppo;

/// <summary>
/// A training checkpoint in one tensor archive (written atomically): the policy's parameters under "policy.",
/// the optimizer state as bytes under "optimizer", and the iteration and step counters. Resuming restores the
/// network, Adam's moments and the schedule position; env and sampler states are not saved, so a resumed run is
/// statistically, not bit-for-bit, the continuation.
/// </summary>
public static class PpoCheckpoint
{
    private const string PolicyPrefix = "policy.";

    public static void Save(string path, ActorCritic policy, Optimizer optimizer, int iteration, long totalSteps)
    {
        using var scope = TorchScope.Enter();
        TensorArchive.Save(path, Entries(policy, optimizer, iteration, totalSteps));
    }

    /// <summary>The checkpoint's entries (tensors owned by the current scope), for writers that add their own.</summary>
    public static List<KeyValuePair<string, Tensor>> Entries(ActorCritic policy, Optimizer optimizer, int iteration, long totalSteps)
    {
        var entries = new List<KeyValuePair<string, Tensor>>();
        foreach (var p in policy.NamedParameters())
        {
            entries.Add(new(PolicyPrefix + p.Key, p.Value));
        }
        byte[] state = optimizer.SaveState();
        entries.Add(new("optimizer", Tensor.FromArray(state, state.Length)));
        entries.Add(new("iteration", Tensor.FromArray(new long[] { iteration }, 1)));
        entries.Add(new("total_steps", Tensor.FromArray(new long[] { totalSteps }, 1)));
        return entries;
    }

    /// <summary>Loads into an existing policy and optimizer; returns the saved counters.</summary>
    public static (int Iteration, long TotalSteps) Load(string path, ActorCritic policy, Optimizer optimizer)
    {
        using var scope = TorchScope.Enter();
        var entries = TensorArchive.Load(path);
        var parameters = new List<KeyValuePair<string, Tensor>>();
        Tensor? optimizerState = null, iteration = null, steps = null;
        foreach (var e in entries)
        {
            if (e.Key.StartsWith(PolicyPrefix, StringComparison.Ordinal))
            {
                parameters.Add(new(e.Key[PolicyPrefix.Length..], e.Value));
            }
            else if (e.Key == "optimizer")
            {
                optimizerState = e.Value;
            }
            else if (e.Key == "iteration")
            {
                iteration = e.Value;
            }
            else if (e.Key == "total_steps")
            {
                steps = e.Value;
            }
        }
        if (optimizerState == null || iteration == null || steps == null)
        {
            throw new SimInputException("not a PPO checkpoint (optimizer state or counters missing)", file: path,
                hint: "pass a file written by PpoTrainer.SaveCheckpoint");
        }
        if (optimizerState.DType != DType.UInt8 || !IsCounter(iteration, int.MaxValue) || !IsCounter(steps, long.MaxValue))
        {
            throw new SimInputException("not a PPO checkpoint (optimizer state or counters have the wrong type or size)", file: path,
                hint: "pass a file written by PpoTrainer.SaveCheckpoint");
        }
        policy.LoadStateDict(parameters, path);
        try
        {
            optimizer.LoadState(optimizerState.ToArray<byte>());
        }
        catch (TorchException ex)
        {
            throw new SimInputException($"optimizer state does not fit this network: {ex.Message.Split('\n')[0]}", file: path, inner: ex);
        }
        return ((int)iteration.ToArray<long>()[0], steps.ToArray<long>()[0]);
    }

    private static bool IsCounter(Tensor t, long max) => t.DType == DType.Int64 && t.NumElements == 1 && t.ToArray<long>()[0] is >= 0 and var v && v <= max;
}
