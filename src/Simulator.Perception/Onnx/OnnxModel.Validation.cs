using Microsoft.ML.OnnxRuntime;

namespace Simulator.Perception.Onnx;

public sealed partial class OnnxModel
{
    private static (TensorContract Input, TensorContract[] Outputs) Validate(string path, InferenceSession session, ModelContract contract)
    {
        if (contract.Inputs.Count != 1)
        {
            throw new ArgumentException("a perception model contract has exactly one input (the image)", nameof(contract));
        }
        var inputs = session.InputMetadata;
        TensorContract expectedInput = contract.Inputs[0];
        if (inputs.Count != 1 || !inputs.ContainsKey(expectedInput.Name))
        {
            throw new PerceptionModelException(path,
                $"expected one input {expectedInput}, the model has {Describe(inputs)}",
                "follow the model convention in Simulator.Perception's README");
        }
        TensorContract input = Check(path, "input", expectedInput, inputs[expectedInput.Name]);

        var outputs = session.OutputMetadata;
        var result = new List<TensorContract>();
        foreach (TensorContract expected in contract.Outputs)
        {
            if (!outputs.TryGetValue(expected.Name, out NodeMetadata? actual))
            {
                throw new PerceptionModelException(path,
                    $"output '{expected.Name}' is missing: expected outputs {Describe(contract.Outputs)}, the model has {Describe(outputs)}",
                    "name the outputs as the model convention says");
            }
            result.Add(Check(path, "output", expected, actual));
        }
        foreach (string name in session.OutputNames)
        {
            if (Contains(contract.Outputs, name))
            {
                continue;
            }
            if (!contract.AllowExtraOutputs)
            {
                throw new PerceptionModelException(path,
                    $"unknown output '{name}': expected outputs {Describe(contract.Outputs)}, the model has {Describe(outputs)}",
                    "remove the output or rename it to one the convention defines");
            }
            // An extra output is read by the runner too, so it must be float with a dynamic batch axis.
            NodeMetadata meta = outputs[name];
            var any = new int[meta.IsTensor ? meta.Dimensions.Length : 0];
            Array.Fill(any, TensorContract.AnySize);
            if (any.Length > 0)
            {
                any[0] = TensorContract.Dynamic;
            }
            result.Add(Check(path, "output", new TensorContract(name, OnnxElementType.Float, any), meta));
        }
        if (result.Count == 0)
        {
            throw new PerceptionModelException(path, "the model has no outputs");
        }
        return (input, result.ToArray());
    }

    /// <summary>Checks one value against the contract and returns it as the model declares it.</summary>
    private static TensorContract Check(string path, string kind, TensorContract expected, NodeMetadata actual)
    {
        if (!actual.IsTensor)
        {
            throw new PerceptionModelException(path, $"{kind} '{expected.Name}': expected {TensorContract.Format(expected.ElementType, expected.Dims)}, the model has a {actual.OnnxValueType}");
        }
        int[] dims = Normalise(actual.Dimensions);
        var actualType = (OnnxElementType)(int)actual.ElementDataType;
        bool ok = actualType == expected.ElementType && dims.Length == expected.Dims.Length;
        for (int i = 0; ok && i < dims.Length; i++)
        {
            ok = expected.Dims[i] == TensorContract.AnySize || expected.Dims[i] == dims[i];
        }
        if (!ok)
        {
            bool fixedBatch = dims.Length > 0 && expected.Dims.Length > 0 && expected.Dims[0] == TensorContract.Dynamic && dims[0] != TensorContract.Dynamic;
            throw new PerceptionModelException(path,
                $"{kind} '{expected.Name}': expected {TensorContract.Format(expected.ElementType, expected.Dims)}, the model has {Describe(actual)}",
                fixedBatch ? "the batch axis N must be dynamic (a symbolic dim) so frames run in batches" : "see the model convention in Simulator.Perception's README");
        }
        return new TensorContract(expected.Name, actualType, dims);
    }

    /// <summary>ONNX Runtime reports a symbolic or unknown size as -1 (or 0 in some builds): both mean dynamic.</summary>
    private static int[] Normalise(int[] dims)
    {
        var result = new int[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            result[i] = dims[i] <= 0 ? TensorContract.Dynamic : dims[i];
        }
        return result;
    }

    private static bool Contains(IReadOnlyList<TensorContract> list, string name)
    {
        foreach (var item in list)
        {
            if (item.Name == name)
            {
                return true;
            }
        }
        return false;
    }

    private static string Describe(NodeMetadata meta) => meta.IsTensor
        ? TensorContract.Format((OnnxElementType)(int)meta.ElementDataType, Normalise(meta.Dimensions))
        : meta.OnnxValueType.ToString();

    private static string Describe(IReadOnlyDictionary<string, NodeMetadata> values) =>
        values.Count == 0 ? "none" : string.Join(", ", values.Select(p => $"'{p.Key}' {Describe(p.Value)}"));

    private static string Describe(IReadOnlyList<TensorContract> values) =>
        values.Count == 0 ? "none" : string.Join(", ", values.Select(v => v.ToString()));
}
