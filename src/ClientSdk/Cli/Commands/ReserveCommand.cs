using System.CommandLine;
using IceFarm.Client;
using IceFarm.Client.Events;
using IceFarm.Contracts.Http;

namespace IceFarm.Cli.Commands;

/// <summary>
/// <c>icefarm reserve &lt;n&gt; --kind k [--wait 5m] [--duration 1h] [--serial s…] [--hold]</c>. Without <c>--hold</c> the
/// reservation outlives the command (use <c>extend</c>, <c>evaluate --reservation</c>, <c>end</c>); with it, the command
/// keeps the lease extended and its keepalive renewed (<c>--keepalive</c>) until Ctrl+C and then ends it. Without
/// <c>--hold</c> the reservation has no keepalive (the command exits; nothing would renew it): it lasts its duration.
/// </summary>
internal static class ReserveCommand
{
    public static Command Create(CliEnvironment env)
    {
        var amount = new Argument<int?>("amount") { Description = "How many boards (all or nothing)", Arity = ArgumentArity.ZeroOrOne };
        var kind = KindOption.Create();
        var wait = new Option<TimeSpan?>("--wait", "-w") { Description = "Queue up to this long for boards (e.g. 5m)", CustomParser = DurationParser.Parse };
        var duration = new Option<TimeSpan?>("--duration", "-d") { Description = "Lease length (default: the farm's, 1h)", CustomParser = DurationParser.Parse };
        var serials = new Option<string[]>("--serial", "-s") { Description = "Reserve exactly these boards", AllowMultipleArgumentsPerToken = true };
        var hold = new Option<bool>("--hold") { Description = "Keep the reservation extended until Ctrl+C, then end it" };
        var keepAlive = KeepAliveOption.Create();
        var command = new Command("reserve", "Reserve boards") { amount, kind, wait, duration, serials, hold, keepAlive };
        CommandRunner.SetHandler(command, async (parse, output, ct) =>
        {
            var named = parse.GetValue(serials) ?? [];
            var count = parse.GetValue(amount);
            if (named.Length == 0 && count is not > 0)
            {
                throw new ArgumentException("Give a number of boards (icefarm reserve 2) or --serial for each board wanted.");
            }

            var waitFor = parse.GetValue(wait);
            var request = new ReserveRequest(
                parse.GetValue(kind)!,
                Amount: named.Length == 0 ? count : null,
                Serials: named.Length == 0 ? null : named,
                Duration: parse.GetValue(duration) is { } d ? System.Xml.XmlConvert.ToString(d) : null,
                Wait: waitFor is { } w ? System.Xml.XmlConvert.ToString(w) : null);
            var holding = parse.GetValue(hold);
            if (!holding && parse.GetValue(keepAlive) is { } ttl && ttl != TimeSpan.Zero)
            {
                throw new ArgumentException("--keepalive needs --hold: a reservation that outlives the command has nothing to renew its keepalive.");
            }

            using var client = env.CreateClient(parse);
            if (waitFor is not null)
            {
                output.Info($"Waiting up to {waitFor} for {(named.Length == 0 ? count : named.Length)} board(s)…");
            }

            var reserving = client.ReserveAsync(request, KeepAliveOption.LeaseOptions(parse.GetValue(keepAlive), holding), ct);
            await using var lease = waitFor is null ? await reserving : await QueuePlaceReporter.ReportWhileAsync(client, request.Kind, output, reserving, ct);
            if (!holding)
            {
                Print(output, lease, line: false);
                return ExitCodes.Ok;
            }

            await lease.WaitUntilReadyAsync(ct);
            Print(output, lease, line: true);
            output.Info($"Holding reservation {lease.Id} and extending it; Ctrl+C ends it.");
            return await HoldAsync(lease, output, ct);
        });
        return command;
    }

    private static void Print(CliOutput output, Lease lease, bool line)
    {
        var reservation = ReservationTable.From(lease);
        if (output.Json && line)
        {
            output.WriteJsonLine(reservation);
        }
        else if (output.Json)
        {
            output.WriteJson(reservation);
        }
        else
        {
            ReservationTable.Write(output.Data, [reservation]);
        }
    }

    /// <summary>Until Ctrl+C (then the lease's disposal ends the reservation) or until the farm ends it.</summary>
    private static async Task<int> HoldAsync(Lease lease, CliOutput output, CancellationToken ct)
    {
        try
        {
            await foreach (var e in lease.Events.ReadAllAsync(ct))
            {
                switch (e)
                {
                    case LeaseEnded ended:
                        output.Error($"reservation {lease.Id} ended: {ended.Reason}");
                        return ExitCodes.Refused;
                    case LeaseDeviceReplaced replaced:
                        output.Info($"board {replaced.Serial} failed ({replaced.Reason}); board {replaced.Replacement} on {replaced.Worker} replaces it");
                        break;
                    case LeaseDeviceFailed failed:
                        output.Error($"board {failed.Serial} failed: {failed.Reason}");
                        break;
                    case LeaseWorkerDraining draining:
                        output.Info($"worker {draining.Worker} is draining; its boards go back at {draining.Deadline.UtcDateTime:u}");
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            output.Info($"Ending reservation {lease.Id}.");
            return ExitCodes.Ok;
        }

        return ExitCodes.Ok;
    }
}
