namespace Simulator.Cli.Datasets;

/// <summary>Driving dataset layouts `sim dataset` writes and reads.</summary>
internal enum DatasetFormat
{
    /// <summary>The Udacity self-driving-car simulator's recording: driving_log.csv and IMG/.</summary>
    Udacity,
    /// <summary>A Donkey Car tub (datastore v2): manifest.json, catalog_N.catalog(+_manifest), images/.</summary>
    Donkey,
}

/// <summary>One exported sample: the time, the action taken from this frame (env units) and the speed (m/s).</summary>
internal readonly record struct DatasetSample(int Episode, int Index, double Time, float Steer, float Accel, double Speed);

/// <summary>Writes a dataset layout: samples with their images (RGBA8 frames of the export size).</summary>
internal interface IDatasetWriter
{
    /// <summary>Side cameras the layout wants (metres to the left of the centre camera), besides the centre one.</summary>
    IReadOnlyList<float> SideOffsets { get; }

    /// <summary>Adds a sample: <paramref name="frames"/>[0] is the centre camera, then one per side offset.</summary>
    void Add(in DatasetSample sample, IReadOnlyList<byte[]> frames);

    /// <summary>Writes the index files (the images are already written).</summary>
    void Complete();
}
