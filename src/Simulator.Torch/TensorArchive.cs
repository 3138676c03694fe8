using System.Runtime.InteropServices;
using Simulator.Core;
using Simulator.Torch.Interop;

namespace Simulator.Torch;

/// <summary>
/// Saves and loads an ordered list of named tensors in libtorch's pickle format (what torch.save writes for a dict;
/// Python's torch.load reads it). Values round-trip bit-exactly. Files are written through <see cref="SafeFile"/>.
/// </summary>
public static unsafe class TensorArchive
{
    public static byte[] Serialize(IReadOnlyList<KeyValuePair<string, Tensor>> tensors)
    {
        int n = tensors.Count;
        var names = new nint[n];
        var handles = new nint[n];
        try
        {
            for (int i = 0; i < n; i++)
            {
                names[i] = Marshal.StringToCoTaskMemUTF8(tensors[i].Key);
                handles[i] = tensors[i].Value.Handle.DangerousGetHandle();
            }
            byte* data;
            long length;
            fixed (nint* pn = names)
            fixed (nint* ph = handles)
            {
                Native.Check(NativeMethods.simtorch_save(pn, ph, n, &data, &length));
            }
            try
            {
                return new ReadOnlySpan<byte>(data, checked((int)length)).ToArray();
            }
            finally
            {
                NativeMethods.simtorch_buffer_free(data);
            }
        }
        finally
        {
            foreach (nint name in names)
            {
                Marshal.FreeCoTaskMem(name);
            }
            GC.KeepAlive(tensors);
        }
    }

    /// <summary>
    /// Reads named tensors (CPU) in file order; the caller owns (or the current scope owns) the tensors. Every zip
    /// entry's CRC-32 is checked first (libtorch's reader does not): damaged or truncated bytes throw a
    /// <see cref="SimInputException"/> naming <paramref name="source"/> and the entry, as does a sound zip that
    /// libtorch cannot read as a dict of tensors.
    /// </summary>
    public static List<KeyValuePair<string, Tensor>> Deserialize(ReadOnlySpan<byte> bytes, string? source = null)
    {
        ZipIntegrity.Verify(bytes, source);
        nint archive;
        try
        {
            fixed (byte* p = bytes)
            {
                archive = Native.Check(NativeMethods.simtorch_load(p, bytes.Length));
            }
        }
        catch (TorchException e)
        {
            throw new SimInputException($"not a tensor archive: {FirstLine(e.Message)}", file: source,
                hint: "expected a file written by TensorArchive.Save or torch.save of a dict of tensors", inner: e);
        }
        try
        {
            int n = Native.Check(NativeMethods.simtorch_archive_count(archive));
            var result = new List<KeyValuePair<string, Tensor>>(n);
            for (int i = 0; i < n; i++)
            {
                byte* name = NativeMethods.simtorch_archive_name(archive, i);
                Native.Check((nint)name);
                string key = Marshal.PtrToStringUTF8((nint)name) ?? "";
                result.Add(new(key, new Tensor(NativeMethods.simtorch_archive_tensor(archive, i))));
            }
            return result;
        }
        finally
        {
            NativeMethods.simtorch_archive_free(archive);
        }
    }

    public static void Save(string path, IReadOnlyList<KeyValuePair<string, Tensor>> tensors)
    {
        SafeFile.WriteAllBytes(path, Serialize(tensors));
    }

    public static List<KeyValuePair<string, Tensor>> Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SimInputException($"cannot read tensor file: {e.Message}", file: path, inner: e);
        }
        return Deserialize(bytes, path);
    }

    private static string FirstLine(string text)
    {
        int nl = text.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? text : text[..nl];
    }
}
