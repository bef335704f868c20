using System.Diagnostics;
using Npgsql;

namespace IceFarm.Bench.Farm;

/// <summary>
/// What a load phase cost the whole process, independent of how busy the shared machine was: CPU time, PostgreSQL
/// commands (one per round trip; a batch counts once) and failed ones (lost optimistic races), and committed transactions.
/// </summary>
internal sealed class LoadProfile : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly string _connectionString;
    private readonly TimeSpan _cpuBefore;
    private long _commands;
    private long _failed;
    private long _transactionsBefore;

    private LoadProfile(string connectionString)
    {
        _connectionString = connectionString;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                Interlocked.Increment(ref _commands);
                if (Environment.GetEnvironmentVariable("BENCH_SQL") == "1") { Console.WriteLine($"SQL {activity.Status} {activity.Duration.TotalMilliseconds:F1}ms: {(activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement") ?? activity.DisplayName)?.ToString()?.Replace('\n', ' ')}"); }
                if (activity.Status == ActivityStatusCode.Error)
                {
                    Interlocked.Increment(ref _failed);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        _cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    }

    public static async Task<LoadProfile> StartAsync(string connectionString)
    {
        var profile = new LoadProfile(connectionString);
        profile._transactionsBefore = await profile.TransactionsAsync();
        return profile;
    }

    /// <summary>Stops counting; the figures are per <paramref name="operations"/>.</summary>
    public async Task<(double CpuMs, double Commands, double Failed, double Transactions)> StopAsync(int operations)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _cpuBefore;
        _listener.Dispose();
        var commands = Interlocked.Read(ref _commands);
        var failed = Interlocked.Read(ref _failed);

        // PostgreSQL publishes its counters at most once a second.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var transactions = await TransactionsAsync() - _transactionsBefore;
        double Per(double value) => operations == 0 ? 0 : value / operations;
        return (Per(cpu.TotalMilliseconds), Per(commands), Per(failed), Per(transactions));
    }

    public void Dispose() => _listener.Dispose();

    private async Task<long> TransactionsAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select pg_stat_clear_snapshot(); select xact_commit + xact_rollback from pg_stat_database where datname = current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }
}
