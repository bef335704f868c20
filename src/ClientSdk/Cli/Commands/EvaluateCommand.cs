using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using IceFarm.Client;
using IceFarm.Client.Evaluation;
using Spectre.Console;

namespace IceFarm.Cli.Commands;

/// <summary>
/// <c>icefarm evaluate &lt;files…&gt; [--reservation id] [--mode all|any]</c>: runs bitstream files with a live progress bar
/// (stderr) and prints a results table (stdout) or JSON Lines. Without <c>--reservation</c> it reserves
/// <c>--boards</c> boards itself and ends that reservation when done or on Ctrl+C.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(CliEnvironment env)
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Bitstream files (104,090-byte iCE40UP5K images)", Arity = ArgumentArity.OneOrMore };
        var reservation = new Option<Guid?>("--reservation", "-r") { Description = "Use this reservation of yours (it is left as it is afterwards)" };
        var mode = new Option<string>("--mode", "-m") { Description = "all: every file on every board; any: each file once on whichever board is free", DefaultValueFactory = _ => "all" };
        mode.AcceptOnlyFromAmong("all", "any");
        var kind = KindOption.Create();
        var boards = new Option<int>("--boards", "-n") { Description = "Boards to reserve when no --reservation is given", DefaultValueFactory = _ => 1 };
        var wait = new Option<TimeSpan?>("--wait", "-w") { Description = "Queue up to this long for boards", CustomParser = DurationParser.Parse };
        var window = new Option<int>("--window") { Description = "Bitstreams kept queued per board", DefaultValueFactory = _ => 4 };
        var deadline = new Option<TimeSpan?>("--result-deadline") { Description = "Reboot a board silent this long (default 90s)", CustomParser = DurationParser.Parse };
        var keepAlive = KeepAliveOption.Create();
        var command = new Command("evaluate", "Evaluate bitstream files and show the results") { files, reservation, mode, kind, boards, wait, window, deadline, keepAlive };
        CommandRunner.SetHandler(command, async (parse, output, ct) =>
        {
            var bitstreams = new List<Bitstream>();
            foreach (var file in parse.GetValue(files) ?? [])
            {
                var bitstream = await Bitstream.FromFileAsync(file.FullName, ct);
                bitstream.Validate();
                bitstreams.Add(bitstream);
            }

            var options = new EvaluationOptions { WindowPerBoard = parse.GetValue(window) };
            if (parse.GetValue(deadline) is { } d)
            {
                options.ResultDeadline = d;
            }

            var evaluationMode = parse.GetValue(mode) == "any" ? EvaluationMode.AnyBoard : EvaluationMode.AllBoards;
            using var client = env.CreateClient(parse);
            await using var lease = parse.GetValue(reservation) is { } id
                ? await client.AttachAsync(id, ct: ct)
                : await client.ReserveAsync(parse.GetValue(kind)!, parse.GetValue(boards), parse.GetValue(wait),
                    options: KeepAliveOption.LeaseOptions(parse.GetValue(keepAlive), hold: true), ct: ct);
            output.Info($"Reservation {lease.Id}: {string.Join(", ", lease.Devices.Select(b => b.Serial))}; waiting for the boards to be ready…");
            await lease.WaitUntilReadyAsync(ct);
            var results = await RunAsync(lease, bitstreams, evaluationMode, options, output, ct);
            if (lease.EndedReason is { } ended)
            {
                // The run completed because the reservation ended under it (drained, expired, ended by an admin).
                output.Error($"reservation {lease.Id} ended ({ended}) during the run; what was not evaluated failed");
                return ExitCodes.Refused;
            }

            return results.All(r => r.Succeeded) ? ExitCodes.Ok : ExitCodes.EvaluationsFailed;
        });
        return command;
    }

    private static async Task<List<EvaluationResult>> RunAsync(Lease lease, List<Bitstream> bitstreams, EvaluationMode mode, EvaluationOptions options, CliOutput output, CancellationToken ct)
    {
        var results = new List<EvaluationResult>();
        var total = mode == EvaluationMode.AllBoards ? bitstreams.Count * lease.Devices.Count(d => d.State == DeviceState.Ready) : bitstreams.Count;
        var clock = Stopwatch.StartNew();
        await output.Status.Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask("evaluating", maxValue: Math.Max(1, total));
            await foreach (var result in lease.EvaluateAsync(bitstreams, mode, options, ct))
            {
                results.Add(result);
                task.Increment(1);
                if (output.Json)
                {
                    output.WriteJsonLine(ResultJson.From(result));
                }
            }
        });

        var failed = results.Count(r => !r.Succeeded);
        if (!output.Json)
        {
            var table = new Table().AddColumns("Board", "Bitstream", "Value", "Status");
            foreach (var r in results)
            {
                table.AddRow(Markup.Escape(r.Serial), Markup.Escape(r.Label), Markup.Escape(ValueText(r)), r.Succeeded ? "[green]ok[/]" : $"[red]{Markup.Escape($"{r.Failure!.Category}: {r.Failure.Reason}")}[/]");
            }

            output.Data.Write(table);
        }

        output.Info(string.Create(CultureInfo.InvariantCulture, $"{results.Count} result(s), {failed} failed, in {clock.Elapsed.TotalSeconds:F2} s"));
        return results;
    }

    private static string ValueText(EvaluationResult r) =>
        r.Pulses is { } pulses ? pulses.ToString(CultureInfo.InvariantCulture)
        : r.Variance is { } variance ? string.Create(CultureInfo.InvariantCulture, $"fitness {variance.Fitness:F2}")
        : "—";
}
