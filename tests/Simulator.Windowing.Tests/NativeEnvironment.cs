using System.Runtime.InteropServices;

[assembly: CollectionBehavior(DisableTestParallelization = true)] // GLFW is single-threaded and process-wide

namespace Simulator.Windowing.Tests;

/// <summary>Changes a variable in the C library's environment (the one GLFW reads) for the life of the scope.</summary>
internal sealed unsafe partial class NativeEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> _saved = new(StringComparer.Ordinal);

    public NativeEnvironment Set(string name, string? value)
    {
        if (!_saved.ContainsKey(name))
        {
            byte* old = getenv(name);
            _saved[name] = old == null ? null : Marshal.PtrToStringUTF8((nint)old);
        }
        Assert.Equal(0, value is null ? unsetenv(name) : setenv(name, value, 1));
        return this;
    }

    public void Dispose()
    {
        foreach ((string name, string? value) in _saved)
        {
            _ = value is null ? unsetenv(name) : setenv(name, value, 1);
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial byte* getenv(string name);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int unsetenv(string name);
}
