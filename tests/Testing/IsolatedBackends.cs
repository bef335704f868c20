namespace IceFarm.Testing;

/// <summary>
/// The database and the vhost of one fixture (<see cref="IsolatedPostgres"/>, <see cref="IsolatedRabbitVhost"/>), created
/// together and dropped together, and the settings that point the services at them.
/// </summary>
public sealed class IsolatedBackends : IAsyncDisposable
{
    private IsolatedBackends(ServerEndpoints servers, IsolatedPostgres database, IsolatedRabbitVhost vhost)
    {
        Servers = servers;
        Database = database;
        Vhost = vhost;
    }

    public ServerEndpoints Servers { get; }

    public IsolatedPostgres Database { get; }

    public IsolatedRabbitVhost Vhost { get; }

    public static async Task<IsolatedBackends> CreateAsync()
    {
        var servers = await TestServers.GetAsync();
        var database = await IsolatedPostgres.CreateAsync(servers);
        try
        {
            var vhost = await IsolatedRabbitVhost.CreateAsync(servers);
            return new IsolatedBackends(servers, database, vhost);
        }
        catch
        {
            // The fixture only holds the pair once both exist, so its DisposeAsync could not drop this database.
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The settings every service host needs: this database and vhost, the admin token, and port 0 on loopback so the
    /// OS picks a free port (read back by <see cref="WebApps.StartAsync"/>). A new dictionary each call, for the caller to add to.
    /// </summary>
    public Dictionary<string, string?> Settings(string adminToken) => new()
    {
        ["ConnectionStrings:Postgres"] = Database.ConnectionString,
        ["ConnectionStrings:RabbitMq"] = Vhost.AmqpUri.ToString(),
        ["Admin:Token"] = adminToken,
        // Every test process shares one broker user; the check of workers' own users is tested where each has its own
        // (When_a_worker_host_is_compromised).
        ["WorkerIdentity:Required"] = "false",
        ["Urls"] = "http://127.0.0.1:0",
        // Every test caller comes from 127.0.0.1: the per-address limits would count the whole suite as one stranger.
        // The limits themselves are tested on hosts that keep them tight (AbuseLimitTests).
        ["Limits:AnonymousRequestsPerSecond"] = "100000",
        ["Limits:AnonymousBurst"] = "100000",
        ["Limits:SignInsPerMinute"] = "10000",
    };

    public async ValueTask DisposeAsync()
    {
        await Vhost.DisposeAsync();
        await Database.DisposeAsync();
    }
}
