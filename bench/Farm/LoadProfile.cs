using System.Diagnostics;
using Npgsql;

namespace IceFarm.Bench.Farm;

/// <summary>
/// What a load phase cost, independent of how busy the shared machine was: CPU time of this process and of the
/// PostgreSQL backends serving its database, PostgreSQL commands (one per round trip; a batch counts once; commits are
/// not commands) and failed ones, and committed transactions. <c>ICEFARM_BENCH_SQL=1</c> prints every command.
/// </summary>
internal sealed class LoadProfile : IDisposable
{
    private static readonly bool PrintCommands = Environment.GetEnvironmentVariable("ICEFARM_BENCH_SQL") == "1";
    private readonly ActivityListener _listener;
    private readonly string _connectionString;
    private readonly TimeSpan _cpuBefore;
    private long _commands;
    private long _failed;
    private long _transactionsBefore;
    private Dictionary<int, double> _backendsBefore = [];

    private LoadProfile(string connectionString)
    {
        _connectionString = connectionString;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref _) => ActivitySamplingResult.AllData,
            ActivityStopped = Count,
        };
        ActivitySource.AddActivityListener(_listener);
        _cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    }

    public static async Task<LoadProfile> StartAsync(string connectionString)
    {
        var profile = new LoadProfile(connectionString);
        (profile._transactionsBefore, profile._backendsBefore) = await profile.DatabaseCountersAsync();
        return profile;
    }

    /// <summary>Stops counting; the figures are per <paramref name="operations"/>.</summary>
    public async Task<(double CpuMs, double DatabaseCpuMs, double Commands, double Failed, double Transactions)> StopAsync(int operations)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _cpuBefore;
        _listener.Dispose();
        var commands = Interlocked.Read(ref _commands);
        var failed = Interlocked.Read(ref _failed);

        // PostgreSQL publishes its counters at most once a second.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var (transactions, backends) = await DatabaseCountersAsync();
        var databaseCpu = backends.Sum(b => b.Value - _backendsBefore.GetValueOrDefault(b.Key));
        double Per(double value) => operations == 0 ? 0 : value / operations;
        return (Per(cpu.TotalMilliseconds), Per(databaseCpu), Per(commands), Per(failed), Per(transactions - _transactionsBefore));
    }

    public void Dispose() => _listener.Dispose();

    private void Count(Activity activity)
    {
        Interlocked.Increment(ref _commands);
        if (activity.Status == ActivityStatusCode.Error)
        {
            Interlocked.Increment(ref _failed);
        }

        if (PrintCommands)
        {
            var text = activity.GetTagItem("db.query.text") ?? activity.DisplayName;
            Console.WriteLine($"SQL {activity.Status} {activity.Duration.TotalMilliseconds:F1}ms: {text?.ToString()?.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>Transactions of the database, and CPU milliseconds of each backend serving it (Linux /proc; a backend that exits is lost).</summary>
    private async Task<(long Transactions, Dictionary<int, double> Backends)> DatabaseCountersAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select pg_stat_clear_snapshot(); select xact_commit + xact_rollback from pg_stat_database where datname = current_database(); " +
            "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        var transactions = reader.GetInt64(0);
        await reader.NextResultAsync();
        var backends = new Dictionary<int, double>();
        while (await reader.ReadAsync())
        {
            var pid = reader.GetInt32(0);
            if (CpuMsOf(pid) is { } ms)
            {
                backends[pid] = ms;
            }
        }

        return (transactions, backends);
    }

    private static double? CpuMsOf(int pid)
    {
        try
        {
            // Fields 14 and 15 (after the parenthesised name) are user and system time in clock ticks (100 per second).
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) * 10.0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // not on Linux, or the backend just exited
        }
    }
}
