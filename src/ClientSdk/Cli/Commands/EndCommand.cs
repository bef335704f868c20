using Spectre.Console;
using System.CommandLine;

namespace IceFarm.Cli.Commands;

/// <summary><c>icefarm end &lt;id&gt;…</c> or <c>icefarm end --all</c>: ends reservations and releases their boards.</summary>
internal static class EndCommand
{
    public static Command Create(CliEnvironment env)
    {
        var ids = new Argument<Guid[]>("reservation") { Description = "Reservation ids", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "End every reservation of yours" };
        var command = new Command("end", "End reservations and release their boards") { ids, all };
        CommandRunner.SetHandler(command, async (parse, output, ct) =>
        {
            using var client = env.CreateClient(parse);
            var targets = parse.GetValue(all)
                ? [.. (await client.ListReservationsAsync(ct)).Select(r => r.Id)]
                : parse.GetValue(ids) ?? [];
            if (targets.Length == 0 && !parse.GetValue(all))
            {
                throw new ArgumentException("Name the reservations to end, or pass --all.");
            }

            foreach (var target in targets)
            {
                await client.EndReservationAsync(target, ct);
                if (!output.Json)
                {
                    output.Data.WriteLine($"ended {target}");
                }
            }

            if (output.Json)
            {
                output.WriteJson(new { ended = targets });
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
