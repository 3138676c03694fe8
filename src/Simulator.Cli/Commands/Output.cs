using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Simulator.Cli.Commands;

/// <summary>Where a command prints: a Spectre console over the invocation's writer, and JSON on request.</summary>
internal sealed class Output
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
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Writer),
            Ansi = Writer == System.Console.Out && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
        });
        if (Writer != System.Console.Out || System.Console.IsOutputRedirected)
        {
            // Not a terminal: tables should not wrap at the 80-column default.
            Console.Profile.Width = 200;
        }
    }

    public TextWriter Writer { get; }
    public IAnsiConsole Console { get; }

    public void Json<T>(T value) => Writer.WriteLine(JsonSerializer.Serialize(value, s_json));

    public void Line(string text) => Writer.WriteLine(text);

    public static string F(double v, string format = "0.0") => double.IsFinite(v) ? v.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "-";
}
