namespace Simulator.Torch.Modules;

/// <summary>Applies its children in order; they are named "0", "1", ... in the state dict.</summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _layers = [];

    public Sequential(params ReadOnlySpan<Module> layers)
    {
        foreach (Module layer in layers)
        {
            Add(layer);
        }
    }

    public IReadOnlyList<Module> Layers => _layers;

    public Sequential Add(Module layer)
    {
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(layer);
        return this;
    }

    // Intermediate results are left to the caller's TorchScope, as every op result is.
    public override Tensor Forward(Tensor input)
    {
        Tensor x = input;
        for (int i = 0; i < _layers.Count; i++)
        {
            x = _layers[i].Forward(x);
        }
        return x;
    }
}
