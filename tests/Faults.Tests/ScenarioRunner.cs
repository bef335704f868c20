using System.Diagnostics;

namespace IceFarm.Faults.Tests;

/// <summary>
/// Runs one scenario end to end on a farm of its own: starts the processes, starts the CLI load, injects the fault once
/// a sixth of the results arrived, waits for the CLI with a hard deadline, then counts and checks.
/// </summary>
internal static class ScenarioRunner
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(3);

    public static async Task<FaultRow> RunAsync(FaultScenario scenario, FaultSuiteOptions options, Action<string>? log = null, CancellationToken ct = default)
    {
        using var setup = CancellationTokenSource.CreateLinkedTokenSource(ct);
        setup.CancelAfter(SetupTimeout);
        await using var farm = await ProcessFarm.StartAsync(options.Boards, setup.Token, scenario.PrivateDatabase);
        return await RunOnAsync(farm, scenario, options, log, ct);
    }

    /// <summary>Runs <paramref name="scenario"/> on a farm that is already up (a fixture's), once all its boards are free.</summary>
    public static async Task<FaultRow> RunOnAsync(ProcessFarm farm, FaultScenario scenario, FaultSuiteOptions options, Action<string>? log = null, CancellationToken ct = default)
    {
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        overall.CancelAfter(SetupTimeout + options.RunDeadline + options.BoardsBackDeadline + TimeSpan.FromMinutes(2));
        try
        {
            await farm.WaitForAvailableBoardsAsync(SetupTimeout, overall.Token);
            var client = await farm.CreateClientAsync(overall.Token);
            await using var load = CliLoad.Start(farm.ReservationServiceUri, client.Token, options.Evaluations, options.Boards);
            var context = new ScenarioContext(farm, load, options);
            var clock = Stopwatch.StartNew();
            TimeSpan? faultOver = null;
            if (scenario.InjectAsync is { } inject)
            {
                await load.WaitForResultsAsync(Math.Max(1, options.Evaluations / 6), SetupTimeout, overall.Token);
                await inject(context, overall.Token);
                faultOver = load.Elapsed;
            }

            var exited = await load.WaitForExitAsync(options.RunDeadline - clock.Elapsed, overall.Token);
            var duration = load.Elapsed;
            if (scenario.AfterClientAsync is { } afterClient)
            {
                await afterClient(context, overall.Token);
            }

            var boardsClock = Stopwatch.StartNew();
            TimeSpan? boardsBack = null;
            try
            {
                await farm.WaitForAvailableBoardsAsync(options.BoardsBackDeadline, overall.Token);
                boardsBack = boardsClock.Elapsed;
            }
            catch (TimeoutException)
            {
                // Reported in the row as "never".
            }

            var row = Measure(scenario, load, exited, boardsBack, duration, faultOver);
            Check(scenario, row, options);
            if (scenario.AfterRunAsync is { } after)
            {
                await after(context, row, overall.Token);
            }

            if (!row.Passed)
            {
                log?.Invoke($"{scenario.Name}: {string.Join("; ", row.Violations)}\nCLI exit {(load.HasExited ? load.ExitCode : -1)}, stderr:\n{Tail(load.Stderr)}\n{Tail(farm.Logs(), 60_000)}");
            }

            return row;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log?.Invoke($"{scenario.Name} broke: {ex}\n{Tail(farm.Logs(), 60_000)}");
            throw;
        }
    }

    private static FaultRow Measure(FaultScenario scenario, CliLoad load, bool exited, TimeSpan? boardsBack, TimeSpan duration, TimeSpan? faultOver)
    {
        var results = load.Results;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<Guid>();
        var duplicates = results.Count(r => !seen.Add(r.Label) | !ids.Add(r.EvaluationId));
        var missing = load.Labels.Count(l => !seen.Contains(l));
        var failed = results.Where(r => !r.Succeeded)
            .GroupBy(r => r.FailureCategory ?? "unknown", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var stall = TimeSpan.Zero;
        var previous = TimeSpan.Zero;
        foreach (var at in results.Select(r => r.ReceivedAt).Append(duration))
        {
            stall = at - previous > stall && previous > TimeSpan.Zero ? at - previous : stall;
            previous = at;
        }

        // How long after the fault was over (the broker answering, the process started again) the next result came.
        var next = faultOver is { } over ? results.Select(r => r.ReceivedAt).Where(at => at >= over).DefaultIfEmpty(TimeSpan.MaxValue).Min() : TimeSpan.MaxValue;
        TimeSpan? resumed = next == TimeSpan.MaxValue ? null : next - faultOver!.Value;
        return new FaultRow(scenario.Fault, load.Labels.Count, results.Count, failed, missing, duplicates, stall, !exited, boardsBack, duration)
        {
            ResumedAfter = resumed,
        };
    }

    private static void Check(FaultScenario scenario, FaultRow row, FaultSuiteOptions options)
    {
        if (row.Hang)
        {
            row.Violations.Add($"the CLI was still running after {options.RunDeadline}");
        }

        if (row.BoardsBackAfter is null)
        {
            row.Violations.Add($"boards not all available and unreserved within {options.BoardsBackDeadline}");
        }

        if (row.Duplicates > 0)
        {
            row.Violations.Add($"{row.Duplicates} duplicate results");
        }

        if (scenario.ClientDies)
        {
            return;
        }

        if (row.Missing > 0)
        {
            row.Violations.Add($"{row.Missing} evaluations never ended");
        }

        var disallowed = row.FailedByCategory.Where(c => scenario.AllowedFailures?.Contains(c.Key) != true).Sum(c => c.Value);
        if (disallowed > 0)
        {
            row.Violations.Add($"{disallowed} evaluations failed ({row.FailedText})");
        }
    }

    private static string Tail(string text, int length = 4000) => text.Length <= length ? text : "…" + text[^length..];
}
