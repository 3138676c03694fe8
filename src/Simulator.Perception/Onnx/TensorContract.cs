using System.Globalization;

namespace Simulator.Perception.Onnx;

/// <summary>One input or output a model must have. <see cref="Dims"/>: a size, <see cref="Dynamic"/> (the model
/// must leave it symbolic, e.g. the batch axis) or <see cref="AnySize"/> (not checked).</summary>
public sealed record TensorContract(string Name, OnnxElementType ElementType, params int[] Dims)
{
    public const int Dynamic = -1;
    public const int AnySize = -2;

    public static string Format(OnnxElementType type, IReadOnlyList<int> dims)
    {
        var parts = new string[dims.Count];
        for (int i = 0; i < dims.Count; i++)
        {
            parts[i] = dims[i] switch
            {
                Dynamic => "N",
                AnySize => "*",
                _ => dims[i].ToString(CultureInfo.InvariantCulture),
            };
        }
        return $"{type.ToString().ToLowerInvariant()} [{string.Join(",", parts)}]";
    }

    public override string ToString() => $"'{Name}' {Format(ElementType, Dims)}";
}
