namespace IceFarm.FarmData.Store;

/// <summary>Says once at start, as a warning, when the database connection does not verify the server (<see cref="PostgresConnection.TlsNotice"/>).</summary>
internal sealed class PostgresTlsNotice(IConfiguration configuration, ILogger<PostgresTlsNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (PostgresConnection.TlsNotice(PostgresConnection.Read(configuration)) is { } notice)
        {
            logger.LogWarning("{Notice}", notice);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
