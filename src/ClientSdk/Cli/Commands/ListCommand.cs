using System.CommandLine;

namespace IceFarm.Cli.Commands;

/// <summary><c>icefarm list</c>: your active reservations.</summary>
internal static class ListCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("list", "Your active reservations");
        CommandRunner.SetHandler(command, async (parse, output, ct) =>
        {
            using var client = env.CreateClient(parse);
            var reservations = await client.ListReservationsAsync(ct);
            if (output.Json)
            {
                output.WriteJson(reservations);
            }
            else if (reservations.Count == 0)
            {
                output.Info("No active reservations.");
            }
            else
            {
                ReservationTable.Write(output.Data, reservations);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
