namespace Simulator.Torch;

/// <summary>Element types; values are the shim's dtype codes.</summary>
public enum DType
{
    Float32 = 0,
    Float64 = 1,
    Int32 = 2,
    Int64 = 3,
    UInt8 = 4,
    Bool = 5,
}

/// <summary>Where a tensor lives; values are the shim's device codes (CUDA means device 0).</summary>
public enum Device
{
    Cpu = 0,
    Cuda = 1,
}

public static class DTypeExtensions
{
    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.Float32 or DType.Int32 => 4,
        DType.Float64 or DType.Int64 => 8,
        DType.UInt8 or DType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };
}
