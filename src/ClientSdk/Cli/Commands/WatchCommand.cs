using System.CommandLine;
using Spectre.Console;

namespace IceFarm.Cli.Commands;

/// <summary><c>icefarm watch [--after id]</c>: your event stream, live, resumed without loss if the connection drops; Ctrl+C stops.</summary>
internal static class WatchCommand
{
    public static Command Create(CliEnvironment env)
    {
        var after = new Option<long?>("--after") { Description = "Replay what came after this event id first" };
        var command = new Command("watch", "Show your events live (Ctrl+C stops)") { after };
        CommandRunner.SetHandler(command, async (parse, output, ct) =>
        {
            using var client = env.CreateClient(parse);
            output.Info("Watching your events; Ctrl+C stops.");
            try
            {
                await foreach (var e in client.WatchAsync(parse.GetValue(after), ct))
                {
                    if (output.Json)
                    {
                        output.WriteJsonLine(new { id = e.Id, type = e.Type, data = e.Data });
                    }
                    else
                    {
                        output.Data.MarkupLine($"[grey]{e.Id,6}[/] [bold]{Markup.Escape(e.Type),-24}[/] {Markup.Escape(e.Data.GetRawText())}");
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl+C is how watching ends.
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
