using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Simulator.Cli.Commands;

/// <summary>Where a command prints: a Spectre console over the invocation's writer, and JSON on request.</summary>
#pragma warning disable CA1001 // see _guarded
internal sealed class Output
#pragma warning restore CA1001
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public Output(ParseResult parse)
    {
        Writer = parse.InvocationConfiguration.Output;
        _guarded = new GuardedWriter(Writer);
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_guarded),
            Ansi = Writer == System.Console.Out && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
        });
        if (Writer != System.Console.Out || System.Console.IsOutputRedirected)
        {
            // Not a terminal: tables should not wrap at the 80-column default.
            Console.Profile.Width = 200;
        }
    }

    // Not disposed: the guard holds no resource of its own, and the invocation's writer belongs to the invocation.
#pragma warning disable CA2213
    private readonly GuardedWriter _guarded;
#pragma warning restore CA2213

    /// <summary>The invocation's writer itself (compare it with Console.Out to tell a terminal); print through
    /// <see cref="Line"/>, <see cref="Text"/>, <see cref="Json"/> or <see cref="Console"/>, which report a failed write
    /// as one line.</summary>
    public TextWriter Writer { get; }
    public IAnsiConsole Console { get; }

    public void Json<T>(T value) => _guarded.WriteLine(JsonSerializer.Serialize(value, s_json));

    public void Line(string text) => _guarded.WriteLine(text);

    public void Text(string text) => _guarded.Write(text);

    public static string F(double v, string format = "0.0") => double.IsFinite(v) ? v.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "-";
}
