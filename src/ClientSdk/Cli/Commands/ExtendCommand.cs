using Spectre.Console;
using System.CommandLine;

namespace IceFarm.Cli.Commands;

/// <summary><c>icefarm extend &lt;id&gt; [--duration 1h]</c>: the lease then ends no earlier than now plus the duration.</summary>
internal static class ExtendCommand
{
    public static Command Create(CliEnvironment env)
    {
        var id = new Argument<Guid>("reservation") { Description = "The reservation's id" };
        var duration = new Option<TimeSpan?>("--duration", "-d") { Description = "How far from now (default: the farm's, 1h)", CustomParser = DurationParser.Parse };
        var command = new Command("extend", "Extend a reservation (never shortens it)") { id, duration };
        CommandRunner.SetHandler(command, async (parse, output, ct) =>
        {
            using var client = env.CreateClient(parse);
            var expiresAt = await client.ExtendReservationAsync(parse.GetValue(id), parse.GetValue(duration), ct);
            if (output.Json)
            {
                output.WriteJson(new { id = parse.GetValue(id), expiresAt });
            }
            else
            {
                output.Data.WriteLine($"{parse.GetValue(id)} now expires at {expiresAt.UtcDateTime:u}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
