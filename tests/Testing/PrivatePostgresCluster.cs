using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace IceFarm.Testing;

/// <summary>
/// A PostgreSQL 15 server of the test's own (Debian's <c>pg_createcluster</c>), for tests that stop, restart or crash the
/// database: never 15/main, which other tests share. It listens on 127.0.0.1 on a free port with a password role that owns
/// the database <see cref="Database"/>. Needs root (or the postgres user) and the postgresql-15 packages, nothing else.
/// <see cref="DisposeAsync"/> drops it; clusters left behind by a test process that died are dropped by the next one.
/// </summary>
public sealed class PrivatePostgresCluster : IAsyncDisposable
{
    public const string Version = "15";
    public const string Database = "icefarm";
    private const string Prefix = "icefarm_t_";
    private const string Role = "icefarm";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly string _password;
    private bool _dropped;

    private PrivatePostgresCluster(string name, int port, string password)
    {
        Name = name;
        Port = port;
        _password = password;
    }

    /// <summary>The cluster's name (<c>pg_lsclusters</c>), unique to this test process.</summary>
    public string Name { get; }

    public int Port { get; }

    /// <summary>A connection string for the services: the role and database of this cluster, over TCP on loopback.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = Role, Password = _password, Database = Database, Pooling = true,
    }.ConnectionString;

    /// <summary>Creates and starts a cluster, with its role and database; drops it again if any step fails.</summary>
    public static async Task<PrivatePostgresCluster> CreateAsync(CancellationToken ct = default)
    {
        await DropAbandonedAsync(ct);
        var name = $"{Prefix}{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
        var cluster = new PrivatePostgresCluster(name, FreePort(), Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        try
        {
            // fsync off: the tests kill the server, never the machine, and the page cache survives a killed server.
            await RunAsync("pg_createcluster", [Version, name, "-p", cluster.Port.ToString(CultureInfo.InvariantCulture), "--start-conf=manual",
                "-o", "fsync=off", "-o", "max_connections=200", "--start",
                "--", "--auth-local=peer", "--auth-host=scram-sha-256"], ct);
            await RunAsync("runuser", ["-u", "postgres", "--", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-p", cluster.Port.ToString(CultureInfo.InvariantCulture),
                "-c", $"CREATE ROLE {Role} LOGIN SUPERUSER PASSWORD '{cluster._password}'", "-c", $"CREATE DATABASE {Database} OWNER {Role}"], ct);
            await cluster.WaitUntilAcceptingAsync(ct);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Restarts the server; <paramref name="immediate"/>: as a crash would (<c>-m immediate</c>, recovery at start).</summary>
    public async Task RestartAsync(bool immediate = true, CancellationToken ct = default)
    {
        await RunAsync("pg_ctlcluster", [Version, Name, "restart", "-m", immediate ? "immediate" : "fast"], ct);
        await WaitUntilAcceptingAsync(ct);
    }

    /// <summary>Stops the server (by default as a crash would); connections fail until <see cref="StartAsync"/>.</summary>
    public Task StopAsync(bool immediate = true, CancellationToken ct = default) =>
        RunAsync("pg_ctlcluster", [Version, Name, "stop", "-m", immediate ? "immediate" : "fast"], ct);

    /// <summary>Starts the stopped server and returns once it accepts this cluster's connection string.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        await RunAsync("pg_ctlcluster", [Version, Name, "start"], ct);
        await WaitUntilAcceptingAsync(ct);
    }

    /// <summary>
    /// Serves TLS with <paramref name="certificate"/> from now on (a reload, no restart): the files go into the cluster's
    /// configuration directory, owned by postgres, and are dropped with it. Returns once a connection that verifies the
    /// server against <paramref name="caFile"/> (SSL Mode=VerifyFull) gets through, i.e. the new certificate is served.
    /// </summary>
    public async Task EnableTlsAsync(TestServerCertificate certificate, string caFile, CancellationToken ct = default)
    {
        var directory = $"/etc/postgresql/{Version}/{Name}";
        var (certificateFile, keyFile) = (Path.Combine(directory, "icefarm-test.crt"), Path.Combine(directory, "icefarm-test.key"));
        await File.WriteAllTextAsync(certificateFile, certificate.CertificatePem, ct);
        await File.WriteAllTextAsync(keyFile, certificate.PrivateKeyPem, ct);
        // PostgreSQL refuses a key file that others may read, or one it does not own (unless root owns it with 0640).
        await RunAsync("chmod", ["600", keyFile], ct);
        await RunAsync("chown", ["postgres:postgres", certificateFile, keyFile], ct);
        await RunAsync("runuser", ["-u", "postgres", "--", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-c", $"ALTER SYSTEM SET ssl_cert_file = '{certificateFile}'", "-c", $"ALTER SYSTEM SET ssl_key_file = '{keyFile}'",
            "-c", "ALTER SYSTEM SET ssl = on", "-c", "SELECT pg_reload_conf()"], ct);
        var verified = new NpgsqlConnectionStringBuilder(ConnectionString) { SslMode = SslMode.VerifyFull, RootCertificate = caFile, Pooling = false, Timeout = 5 };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(CommandTimeout);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(verified.ConnectionString);
                await connection.OpenAsync(deadline.Token);
                return;
            }
            catch (Exception refused) when (refused is NpgsqlException or System.Security.Authentication.AuthenticationException
                && !deadline.IsCancellationRequested)
            {
                // The reload is asynchronous: until the server reads it, it serves its old (or no) certificate.
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
    }

    /// <summary>Stops and drops the cluster (data, configuration, log); safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_dropped)
        {
            return;
        }

        _dropped = true;
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await RunAsync("pg_dropcluster", [Version, Name, "--stop"], CancellationToken.None);
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(CommandTimeout);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false;Timeout=5");
                await connection.OpenAsync(deadline.Token);
                return;
            }
            catch (NpgsqlException) when (!deadline.IsCancellationRequested)
            {
                // Still recovering or starting ("the database system is starting up"): ask again in a moment.
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
    }

    /// <summary>Drops clusters of this fixture whose test process is gone (killed before its DisposeAsync ran).</summary>
    private static async Task DropAbandonedAsync(CancellationToken ct)
    {
        var listing = await RunAsync("pg_lsclusters", ["-h"], ct);
        foreach (var line in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length < 2 || columns[0] != Version || !columns[1].StartsWith(Prefix, StringComparison.Ordinal)
                || !int.TryParse(columns[1][Prefix.Length..].Split('_')[0], CultureInfo.InvariantCulture, out var pid) || ProcessIsAlive(pid))
            {
                continue;
            }

            await RunAsync("pg_dropcluster", [Version, columns[1], "--stop"], ct);
        }
    }

    private static bool ProcessIsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> RunAsync(string program, IReadOnlyList<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(CommandTimeout);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {CommandTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {await error}{await output}");
        }

        return await output;
    }
}
