using IceFarm.Contracts.Http;
using IceFarm.FarmData.Reservations;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Hosting;
using IceFarm.ReservationService.Reservations.Model;
using Marten;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// Ends expired leases and leases whose keepalive lapsed, and warns clients before expiry. The deadlines live in Marten
/// (the reservation's expiry, the keepalive document's <see cref="LeaseKeepAlive.LapsesAt"/>), so a restart loses none and
/// every replica decides alike; this loop only fires them on the injected clock.
/// </summary>
internal sealed class LeaseMonitor(
    IDocumentStore store, ReservationHandler reservations, ReservationEnder ender, ClientEventHub hub, TimeProvider time,
    IOptions<LeaseOptions> options, ILogger<LeaseMonitor> logger) : BackgroundService
{
    // Renewals cannot arrive while this replica or its database is down, so that silence is not the client's: a lapse is
    // counted from the later of the last renewal and the moment this monitor last started reading the store again.
    private DateTimeOffset _healthySince = time.GetUtcNow();
    private bool _readFailed;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicCheck.RunAsync(options.Value.CheckInterval, time, CheckAsync, logger, "Lease check", stoppingToken);

    internal async Task CheckAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var warnFrom = now + options.Value.EndingSoonBefore;
        IReadOnlyList<ReservationView> due;
        IReadOnlyList<LeaseKeepAlive> lapsed;
        try
        {
            await using var session = store.QuerySession();
            due = await session.Query<ReservationView>().Where(r => r.Active && r.ExpiresAt <= warnFrom).ToListAsync(ct);
            lapsed = await session.Query<LeaseKeepAlive>().Where(k => k.LapsesAt <= now).ToListAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _readFailed = true;
            throw;
        }

        if (_readFailed)
        {
            _readFailed = false;
            _healthySince = now;
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

        await EndLapsedAsync([.. lapsed.Where(k => _healthySince + k.KeepAlive <= now)], now, ct);
    }

    private async Task EndLapsedAsync(List<LeaseKeepAlive> lapsed, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var read in lapsed)
        {
            LeaseKeepAlive? keepAlive;
            ReservationView? reservation;
            await using (var session = store.QuerySession())
            {
                // Read again: a renewal that landed since the query above keeps the lease (it narrows the race to the end's commit).
                keepAlive = await session.LoadAsync<LeaseKeepAlive>(read.Id, ct);
                reservation = await session.LoadAsync<ReservationView>(read.Id, ct);
            }

            if (keepAlive is null || keepAlive.LapsesAt > now)
            {
                continue;
            }

            if (reservation is not { Active: true })
            {
                await ForgetAsync(keepAlive, ct);
                continue;
            }

            var detail = $"no keepalive for {(now - keepAlive.RenewedAt).TotalSeconds:F0} s (TTL {keepAlive.KeepAlive.TotalSeconds:F0} s): the client stopped renewing its lease";
            if (await ender.EndAsync(reservation, ReservationEndReason.KeepAliveLapsed, "keepalive", detail, ct))
            {
                logger.LogInformation("Reservation {ReservationId} of {ClientId} ended: {Detail}", reservation.ReservationId, reservation.ClientId, detail);
            }
        }
    }

    /// <summary>A keepalive left behind by a reservation that ended (a renewal raced its end): nothing to end, only to remove.</summary>
    private async Task ForgetAsync(LeaseKeepAlive keepAlive, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Delete<LeaseKeepAlive>(keepAlive.Id);
        await session.SaveChangesAsync(ct);
    }

    private async Task WarnAsync(ReservationView reservation, DateTimeOffset now, CancellationToken ct)
    {
        var change = await reservations.HandleAsync(reservation.Id, r => ReservationDecisions.WarnEndingSoon(r, now), ct);
        if (change is { Appended: true, Before: { } current })
        {
            await hub.PublishAsync(current.ClientId, StreamEventTypes.ReservationEndingSoon, new ReservationEndingSoonEvent(current.Id, current.ExpiresAt), ct);
        }
    }
}
