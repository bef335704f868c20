using System.CommandLine;
using Spectre.Console;

namespace IceFarm.Cli.Commands;

/// <summary><c>icefarm available [--kind k]</c>: how many boards could be granted now.</summary>
internal static class AvailableCommand
{
    public static Command Create(CliEnvironment env)
    {
        var kind = KindOption.Create();
        var command = new Command("available", "How many boards of a kind could be reserved now") { kind };
        CommandRunner.SetHandler(command, async (parse, output, ct) =>
        {
            using var client = env.CreateClient(parse);
            var kindName = parse.GetValue(kind)!;
            var available = await client.AvailableAsync(kindName, ct);
            if (output.Json)
            {
                output.WriteJson(new { kind = kindName, available });
            }
            else
            {
                output.Data.MarkupLine($"{available} [grey]{Markup.Escape(kindName)} board(s) available[/]");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
