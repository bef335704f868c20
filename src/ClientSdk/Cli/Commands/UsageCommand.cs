using System.CommandLine;
using Spectre.Console;

namespace IceFarm.Cli.Commands;

/// <summary><c>icefarm usage</c>: what this client holds and has waiting, against its quotas.</summary>
internal static class UsageCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("usage", "Your boards, reservations and waiting requests against your quotas, and your places in the queue");
        CommandRunner.SetHandler(command, async (parse, output, ct) =>
        {
            using var client = env.CreateClient(parse);
            var usage = await client.UsageAsync(ct);
            var line = await client.QueueAsync(ct);
            if (output.Json)
            {
                output.WriteJson(new { usage, queue = line });
                return ExitCodes.Ok;
            }

            var quota = usage.Quota;
            output.Data.MarkupLine($"boards held        {usage.BoardsHeld} [grey]of {quota.MaxBoards}[/]");
            output.Data.MarkupLine($"reservations       {usage.Reservations} [grey]of {quota.MaxReservations}[/]");
            output.Data.MarkupLine($"waiting requests   {usage.Waiting} [grey]of {quota.MaxWaiting}[/]");
            output.Data.MarkupLine($"board-hours (24 h) {usage.BoardHoursToday:0.##} [grey]of {(quota.MaxBoardHoursPerDay is { } d ? d.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : "no limit")}[/]");
            output.Data.MarkupLine($"priority           {quota.Priority}");
            foreach (var waiting in line)
            {
                output.Data.MarkupLine($"waiting: {waiting.Amount} {Markup.Escape(waiting.Kind)} board(s), [bold]{waiting.Position}[/] of {waiting.Waiting} in line until {waiting.WaitUntil:u}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
