using System.Globalization;

namespace IceFarm.Bench.Sdk;

/// <summary>
/// CPU time of the whole machine from Linux /proc, split into this process, the RabbitMQ broker (beam.smp), the PostgreSQL
/// server (every postgres process) and the rest (kernel threads, interrupts, other programs). A difference of two samples
/// says what a load cost outside this process too: the broker and the database are most of a farm's CPU on one machine.
/// </summary>
/// <remarks>A process that exits between two samples (a short-lived PostgreSQL backend) is lost from its share and counted in the rest.</remarks>
internal sealed record MachineCpu(double TotalMs, double ProcessMs, double BrokerMs, double PostgresMs)
{
    // USER_HZ: /proc counts clock ticks of 10 ms on every Linux the farm runs on.
    private const double MsPerTick = 10;

    public double RestMs => TotalMs - ProcessMs - BrokerMs - PostgresMs;

    public static MachineCpu operator -(MachineCpu after, MachineCpu before) => new(
        after.TotalMs - before.TotalMs, after.ProcessMs - before.ProcessMs, after.BrokerMs - before.BrokerMs, after.PostgresMs - before.PostgresMs);

    /// <summary>Now; all zero where /proc cannot be read (not Linux).</summary>
    public static MachineCpu Now()
    {
        if (!File.Exists("/proc/stat"))
        {
            return new MachineCpu(0, 0, 0, 0);
        }

        // cpu  user nice system idle iowait irq softirq steal ...: busy is everything but idle and iowait.
        var total = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select((v, i) => i is 3 or 4 ? 0 : double.Parse(v, CultureInfo.InvariantCulture)).Sum();
        double self = 0, broker = 0, postgres = 0;
        var me = Environment.ProcessId;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || ReadTicks(dir) is not var (comm, ticks))
            {
                continue;
            }

            if (pid == me)
            {
                self = ticks;
            }
            else if (comm == "beam.smp")
            {
                broker += ticks;
            }
            else if (comm == "postgres")
            {
                postgres += ticks;
            }
        }

        return new MachineCpu(total * MsPerTick, self * MsPerTick, broker * MsPerTick, postgres * MsPerTick);
    }

    /// <summary>Per <paramref name="operations"/>: "5.7 ms (this process 2.7, RabbitMQ 1.5, PostgreSQL 0.8, rest 0.7)".</summary>
    public string Describe(int operations)
    {
        double Per(double ms) => ms / Math.Max(1, operations);
        return TotalMs <= 0
            ? "not measured (no /proc)"
            : $"{Per(TotalMs):F2} ms (this process {Per(ProcessMs):F2}, RabbitMQ {Per(BrokerMs):F2}, PostgreSQL {Per(PostgresMs):F2}, rest {Per(RestMs):F2})";
    }

    /// <summary>How busy the machine's cores were over <paramref name="wall"/>, in percent.</summary>
    public double BusyPercent(TimeSpan wall) => 100 * TotalMs / (Environment.ProcessorCount * wall.TotalMilliseconds);

    private static (string Comm, double Ticks)? ReadTicks(string dir)
    {
        try
        {
            // pid (comm) state ppid ... utime stime: the comm may hold spaces, so the fields count from its closing parenthesis.
            var stat = File.ReadAllText(Path.Join(dir, "stat"));
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            return (stat[(open + 1)..close], double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            // The process ended while it was read: it is counted in the rest.
            return null;
        }
    }
}
