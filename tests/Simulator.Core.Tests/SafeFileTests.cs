using System.Diagnostics;
using Simulator.Core;

namespace Simulator.Core.Tests;

public sealed class SafeFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("safefile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Entries() => Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void Writes_and_replaces_a_regular_file_leaving_nothing_else()
    {
        string path = Path.Combine(_dir, "a.txt");
        SafeFile.WriteAllText(path, "one");
        SafeFile.WriteAllText(path, "two");
        SafeFile.WriteAllBytes(Path.Combine(_dir, "b.bin"), [1, 2, 3]);
        Assert.Equal("two", File.ReadAllText(path));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(_dir, "b.bin")));
        Assert.Equal(["a.txt", "b.bin"], Entries());
    }

    [Fact]
    public void A_file_written_by_path_replaces_the_target_only_when_the_writer_succeeds()
    {
        string path = Path.Combine(_dir, "clip.mp4");
        File.WriteAllText(path, "old");
        string? seen = null;
        SafeFile.WriteWithTempPath(path, temp =>
        {
            seen = temp;
            Assert.Equal(_dir, Path.GetDirectoryName(temp));
            Assert.False(File.Exists(temp));
            File.WriteAllText(temp, "new");
        });
        Assert.Equal("new", File.ReadAllText(path));
        Assert.False(File.Exists(seen));
        Assert.Throws<InvalidOperationException>(() => SafeFile.WriteWithTempPath(path, temp =>
        {
            File.WriteAllText(temp, "half");
            throw new InvalidOperationException("encoder failed");
        }));
        var none = Assert.Throws<SimRuntimeException>(() => SafeFile.WriteWithTempPath(path, _ => { }));
        Assert.Contains("produced no file", none.Message, StringComparison.Ordinal);
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["clip.mp4"], Entries());
    }

    [Fact]
    public void A_character_device_is_refused_and_left_alone()
    {
        var e = Assert.Throws<SimInputException>(() => SafeFile.WriteAllBytes("/dev/null", [1, 2, 3]));
        Assert.Contains("character device", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.ExitCode);
        // Still a device: writing to it through the normal API works and reading gives nothing back.
        File.WriteAllText("/dev/null", "x");
        Assert.Equal("", File.ReadAllText("/dev/null"));
        Assert.Empty(Directory.GetFiles("/dev", ".null.*.tmp"));
    }

    [Fact]
    public void A_symbolic_link_to_a_device_is_refused()
    {
        string link = Path.Combine(_dir, "out.png");
        File.CreateSymbolicLink(link, "/dev/null");
        Assert.Throws<SimInputException>(() => SafeFile.WriteAllText(link, "x"));
        Assert.Equal("/dev/null", new FileInfo(link).LinkTarget);
        Assert.Equal(["out.png"], Entries());
    }

    [Fact]
    public void A_symbolic_link_to_a_file_writes_the_file_and_keeps_the_link()
    {
        string target = Path.Combine(_dir, "real.txt");
        File.WriteAllText(target, "old");
        string link = Path.Combine(_dir, "link.txt");
        File.CreateSymbolicLink(link, target);
        SafeFile.WriteAllText(link, "new");
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(target, new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void A_folder_and_a_named_pipe_are_refused()
    {
        string folder = Path.Combine(_dir, "sub");
        Directory.CreateDirectory(folder);
        Assert.Contains("a folder", Assert.Throws<SimInputException>(() => SafeFile.WriteAllText(folder, "x")).Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(folder));

        string pipe = Path.Combine(_dir, "pipe");
        using (var mk = Process.Start(new ProcessStartInfo("mkfifo", pipe) { UseShellExecute = false }))
        {
            mk!.WaitForExit();
            Assert.Equal(0, mk.ExitCode);
        }
        Assert.Contains("named pipe", Assert.Throws<SimInputException>(() => SafeFile.WriteAllText(pipe, "x")).Message, StringComparison.Ordinal);
        Assert.Equal(["pipe", "sub"], Entries());
    }

    [Fact]
    public void A_missing_folder_is_an_input_error_unless_asked_to_create_it()
    {
        string path = Path.Combine(_dir, "no", "such", "file.txt");
        var e = Assert.Throws<SimInputException>(() => SafeFile.WriteAllText(path, "x"));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", e.Message, StringComparison.Ordinal);
        SafeFile.WriteAllText(path, "x", createFolder: true);
        Assert.Equal("x", File.ReadAllText(path));
    }

    [Fact]
    public void A_failing_writer_keeps_the_old_file_and_removes_its_temporary_file()
    {
        string path = Path.Combine(_dir, "keep.txt");
        File.WriteAllText(path, "precious");
        Assert.Throws<InvalidOperationException>(() => SafeFile.Write(path, s =>
        {
            s.Write([1, 2, 3]);
            throw new InvalidOperationException("encoder failed");
        }));
        Assert.Equal("precious", File.ReadAllText(path));
        Assert.Equal(["keep.txt"], Entries());
    }

    [Fact]
    public void An_empty_path_or_a_path_ending_in_a_separator_is_refused()
    {
        Assert.Throws<SimInputException>(() => SafeFile.WriteAllText("", "x"));
        Assert.Throws<SimInputException>(() => SafeFile.WriteAllText(_dir + "/", "x"));
        Assert.Empty(Entries());
    }
}
