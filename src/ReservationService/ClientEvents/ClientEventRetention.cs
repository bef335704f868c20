using Marten;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>Deletes stored client events (and stored idempotent answers) older than the retention period; a client resuming later starts from now.</summary>
internal sealed class ClientEventRetention(IDocumentStore store, TimeProvider time, IOptions<ClientEventOptions> options, ILogger<ClientEventRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionSweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Deleting expired client events failed; trying again at the next sweep");
            }
        }
    }

    internal async Task SweepAsync(CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        await using var session = store.LightweightSession();
        session.DeleteWhere<ClientEventRecord>(r => r.At < cutoff);
        // Stored answers to idempotent requests are only needed while a client may still retry; they share the events' retention.
        session.DeleteWhere<Idempotency.IdempotentRequest>(r => r.At < cutoff);
        await session.SaveChangesAsync(ct);
    }
}
