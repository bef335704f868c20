using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace IceFarm.Cli;

/// <summary>
/// Where a command writes: data (tables, or JSON with <c>--json</c>) to stdout, progress and messages for people to
/// stderr, so <c>icefarm … --json | jq</c> sees nothing but JSON.
/// </summary>
internal sealed class CliOutput
{
    private static readonly JsonSerializerOptions Document = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };
    private static readonly JsonSerializerOptions Line = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };
    private readonly TextWriter _out;

    public CliOutput(ParseResult parse)
    {
        Json = parse.GetValue(GlobalOptions.Json);
        _out = parse.InvocationConfiguration.Output;
        Data = Create(_out);
        Status = Create(parse.InvocationConfiguration.Error);
    }

    public bool Json { get; }

    /// <summary>stdout, for tables.</summary>
    public IAnsiConsole Data { get; }

    /// <summary>stderr, for progress and messages.</summary>
    public IAnsiConsole Status { get; }

    public void WriteJson<T>(T value) => _out.WriteLine(JsonSerializer.Serialize(value, Document));

    public void WriteJsonLine<T>(T value)
    {
        _out.WriteLine(JsonSerializer.Serialize(value, Line));
        _out.Flush();
    }

    public void Info(string text) => Status.MarkupLine($"[grey]{Markup.Escape(text)}[/]");

    public void Error(string text) => Status.MarkupLine($"[red]error:[/] {Markup.Escape(text)}");

    private static IAnsiConsole Create(TextWriter writer)
    {
        var real = ReferenceEquals(writer, Console.Out) || ReferenceEquals(writer, Console.Error);
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            // Captured output (tests, pipes) gets plain text; a terminal gets colour and live progress.
            Ansi = real ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = real ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = real ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }
}
