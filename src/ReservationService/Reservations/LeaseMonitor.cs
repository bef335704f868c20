using IceFarm.Contracts.Http;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Hosting;
using Marten;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// Ends expired leases and warns clients before expiry. The deadlines live in Marten (the reservation's expiry),
/// so a restart loses none; this loop only fires them on the injected clock.
/// </summary>
internal sealed class LeaseMonitor(
    IDocumentStore store, ReservationEnder ender, ClientEventHub hub, TimeProvider time,
    IOptions<LeaseOptions> options, ILogger<LeaseMonitor> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicCheck.RunAsync(options.Value.CheckInterval, time, CheckAsync, logger, "Lease check", stoppingToken);

    internal async Task CheckAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var warnFrom = now + options.Value.EndingSoonBefore;
        IReadOnlyList<ReservationView> due;
        await using (var session = store.QuerySession())
        {
            due = await session.Query<ReservationView>().Where(r => r.Active && r.ExpiresAt <= warnFrom).ToListAsync(ct);
        }

        foreach (var reservation in due)
        {
            if (reservation.ExpiresAt <= now)
            {
                if (await ender.EndAsync(reservation, ReservationEndReason.Expired, "lease", ct))
                {
                    logger.LogInformation("Reservation {ReservationId} of {ClientId} expired", reservation.ReservationId, reservation.ClientId);
                }
            }
            else if (reservation.WarnedFor != reservation.ExpiresAt)
            {
                await WarnAsync(reservation, now, ct);
            }
        }
    }

    private async Task WarnAsync(ReservationView reservation, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<ReservationView>(reservation.Id, ct);
        if (stream.Aggregate is not { Active: true } current || current.WarnedFor == current.ExpiresAt)
        {
            return;
        }

        stream.AppendOne(new ReservationEndingSoonWarned(current.ReservationId, current.ExpiresAt, now));
        await session.SaveChangesAsync(ct);
        await hub.PublishAsync(current.ClientId, StreamEventTypes.ReservationEndingSoon, new ReservationEndingSoonEvent(current.ReservationId, current.ExpiresAt), ct);
    }
}
