namespace Simulator.Perception.Onnx;

/// <summary>Tensor element types, numbered as ONNX's <c>TensorProto.DataType</c> (ONNX Runtime's
/// <c>TensorElementType</c> uses the same numbers).</summary>
public enum OnnxElementType
{
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
    Bool = 9,
    Float16 = 10,
    Double = 11,
}
