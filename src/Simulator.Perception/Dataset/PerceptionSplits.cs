namespace Simulator.Perception.Dataset;

/// <summary>
/// The dataset's splits and their generated-track seed ranges. Each split draws its track seeds from its own range
/// of <see cref="SeedsPerSplit"/> consecutive seeds, so a track (the seed determines the track, its props and traffic)
/// seen in training is never in validation or test, whatever <see cref="PerceptionDatasetOptions.Seed"/> and track
/// counts are chosen.
/// </summary>
public static class PerceptionSplits
{
    public const string Train = "train";
    public const string Val = "val";
    public const string Test = "test";

    public static readonly string[] All = [Train, Val, Test];

    /// <summary>Size of each split's seed range.</summary>
    public const ulong SeedsPerSplit = 1_000_000;

    /// <summary>First track seed of the train range: [1,000,000, 2,000,000).</summary>
    public const ulong TrainSeedBase = 1_000_000;

    /// <summary>First track seed of the validation range: [2,000,000, 3,000,000).</summary>
    public const ulong ValSeedBase = 2_000_000;

    /// <summary>First track seed of the test range: [3,000,000, 4,000,000).</summary>
    public const ulong TestSeedBase = 3_000_000;

    public static int IndexOf(string split) => split switch
    {
        Train => 0,
        Val => 1,
        Test => 2,
        _ => throw new ArgumentException($"unknown split '{split}' (use {Train}, {Val} or {Test})", nameof(split)),
    };

    /// <summary>The seed range [first, first + SeedsPerSplit) of a split.</summary>
    public static ulong SeedBase(string split) => IndexOf(split) switch
    {
        0 => TrainSeedBase,
        1 => ValSeedBase,
        _ => TestSeedBase,
    };

    /// <summary>True when <paramref name="seed"/> lies in the range of <paramref name="split"/>.</summary>
    public static bool InRange(string split, ulong seed) => seed >= SeedBase(split) && seed - SeedBase(split) < SeedsPerSplit;

    /// <summary>Candidate track seed <paramref name="index"/> of a split for the dataset seed
    /// <paramref name="datasetSeed"/> (a different dataset seed shifts the whole block inside the range).</summary>
    public static ulong TrackSeed(string split, ulong datasetSeed, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ulong offset = (datasetSeed * 7919UL + (ulong)index) % SeedsPerSplit;
        return SeedBase(split) + offset;
    }
}
