namespace Simulator.Torch.Modules;

/// <summary>
/// Base of the C# layers: owns named parameters and child modules (registration order is the state-dict order),
/// switches train/eval, moves to a device and saves/loads a state dict. Parameters are never owned by a scope.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<KeyValuePair<string, Tensor>> _parameters = [];
    private readonly List<KeyValuePair<string, Module>> _children = [];

    public bool IsTraining { get; private set; } = true;

    /// <summary>Forward pass for single-input modules.</summary>
    public abstract Tensor Forward(Tensor input);

    protected Tensor RegisterParameter(string name, Tensor value)
    {
        value.DetachFromScope();
        value.RequiresGrad = true;
        _parameters.Add(new(name, value));
        return value;
    }

    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        _children.Add(new(name, module));
        return module;
    }

    /// <summary>All trainable tensors, depth first in registration order.</summary>
    public List<Tensor> Parameters()
    {
        var list = new List<Tensor>();
        foreach (var pair in NamedParameters())
        {
            list.Add(pair.Value);
        }
        return list;
    }

    /// <summary>Dotted names ("encoder.0.weight") to parameters, in registration order.</summary>
    public List<KeyValuePair<string, Tensor>> NamedParameters()
    {
        var list = new List<KeyValuePair<string, Tensor>>();
        Collect("", list);
        return list;
    }

    private void Collect(string prefix, List<KeyValuePair<string, Tensor>> into)
    {
        foreach (var p in _parameters)
        {
            into.Add(new(prefix + p.Key, p.Value));
        }
        foreach (var c in _children)
        {
            c.Value.Collect(prefix + c.Key + ".", into);
        }
    }

    public long ParameterCount()
    {
        long n = 0;
        foreach (var p in NamedParameters())
        {
            n += p.Value.NumElements;
        }
        return n;
    }

    public void Train(bool training = true)
    {
        IsTraining = training;
        foreach (var c in _children)
        {
            c.Value.Train(training);
        }
    }

    public void Eval() => Train(false);

    /// <summary>Moves every parameter to <paramref name="device"/> in place (tensor identities are kept; create
    /// optimizers after moving, since their state lives where the parameters were).</summary>
    public void To(Device device)
    {
        using (GradMode.NoGrad())
        {
            foreach (var p in NamedParameters())
            {
                if (p.Value.Device != device)
                {
                    using Tensor moved = p.Value.To(device);
                    p.Value.SetData(moved);
                }
            }
        }
    }

    /// <summary>
    /// Copies values from a state dict; every parameter must be present with the same shape and hold only finite
    /// values (a NaN or infinite weight would make every output NaN: the model is rejected, naming the parameter).
    /// Everything is checked before anything is copied, so a rejected state dict leaves the module unchanged.
    /// </summary>
    public void LoadStateDict(IReadOnlyList<KeyValuePair<string, Tensor>> state, string? source = null)
    {
        var byName = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var pair in state)
        {
            byName[pair.Key] = pair.Value;
        }
        foreach (var p in NamedParameters())
        {
            if (!byName.TryGetValue(p.Key, out Tensor? value))
            {
                throw new Core.SimInputException($"parameter '{p.Key}' is missing from the saved model", file: source,
                    hint: "the file was saved from a different network architecture");
            }
            if (!value.Shape.AsSpan().SequenceEqual(p.Value.Shape))
            {
                throw new Core.SimInputException($"parameter '{p.Key}' has shape {value.ShapeString} in the file but {p.Value.ShapeString} in the network",
                    file: source, hint: "the file was saved from a different network configuration");
            }
            if (FirstNonFinite(value) is { } bad)
            {
                throw new Core.SimInputException($"parameter '{p.Key}' holds {bad.Value} at element {bad.Index} of {value.ShapeString}",
                    file: source, hint: "the model is damaged or its training diverged: use another checkpoint");
            }
        }
        foreach (var p in NamedParameters())
        {
            p.Value.CopyFrom(byName[p.Key]);
        }
    }

    private static (long Index, string Value)? FirstNonFinite(Tensor value)
    {
        switch (value.DType)
        {
            case DType.Float32:
                float[] floats = value.ToArray<float>();
                for (int i = 0; i < floats.Length; i++)
                {
                    if (!float.IsFinite(floats[i]))
                    {
                        return (i, Describe(floats[i]));
                    }
                }
                return null;
            case DType.Float64:
                double[] doubles = value.ToArray<double>();
                for (int i = 0; i < doubles.Length; i++)
                {
                    if (!double.IsFinite(doubles[i]))
                    {
                        return (i, Describe(doubles[i]));
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static string Describe(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "+infinity" : "-infinity";

    public void Save(string path) => TensorArchive.Save(path, NamedParameters());

    public void Load(string path)
    {
        var state = TensorArchive.Load(path);
        try
        {
            LoadStateDict(state, path);
        }
        finally
        {
            foreach (var pair in state)
            {
                pair.Value.Dispose();
            }
        }
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }
        foreach (var p in _parameters)
        {
            p.Value.Dispose();
        }
        foreach (var c in _children)
        {
            c.Value.Dispose();
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }
}
