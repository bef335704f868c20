using IceFarm.FarmData.Reservations;
using IceFarm.ReservationService.Hosting;
using Marten;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// At start-up, gives every board an active reservation holds its <see cref="BoardHolder"/> when it has none: the
/// reservations granted before the projection existed (an upgrade), or by a replica that does not write it yet. Replicas
/// may run it together.
/// </summary>
/// <remarks>
/// A hold is only inserted under a lock on its reservation's stream (Marten's <c>FetchForExclusiveWriting</c>) and
/// against the reservation as read under that lock: a release or end of that reservation, which must update the same
/// stream row, waits for the insert and then deletes it, so no board is left held by a reservation that let it go.
/// </remarks>
internal sealed class BoardHolderBackfill(IDocumentStore store, ILogger<BoardHolderBackfill> logger) : IHostedService
{
    // A grant that inserted one of the holders first (a board a reservation granted before the upgrade lists, and a new
    // grant took) makes the insert fail on the serial's key: read again, and that board is reported as held by both.
    public async Task StartAsync(CancellationToken cancellationToken) =>
        await StreamConflicts.Every.ExecuteAsync(async ct => await BackfillAsync(ct), cancellationToken);

    private async Task BackfillAsync(CancellationToken cancellationToken)
    {
        if (await UnheldAsync(cancellationToken) is not { Count: > 0 } reservations)
        {
            return;
        }

        await using var session = store.LightweightSession();
        // The locks must last until the commit: the batch runs in this transaction.
        await session.BeginTransactionAsync(cancellationToken);
        var batch = session.CreateBatchQuery();
        var locked = reservations.Order(StringComparer.Ordinal).Select(id => batch.Events.FetchForExclusiveWriting<ReservationView>(id)).ToList();
        await batch.Execute(cancellationToken);
        var fresh = new List<ReservationView>();
        foreach (var stream in locked)
        {
            if ((await stream).Aggregate is { Active: true } view)
            {
                fresh.Add(view);
            }
        }

        var holds = await MissingAsync(session, fresh, cancellationToken);
        session.Insert([.. holds]);
        await session.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Recorded the holder of {Count} board(s) held by {Reservations} active reservation(s)", holds.Count, fresh.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The streams of the active reservations that hold a board with no <see cref="BoardHolder"/>.</summary>
    private async Task<IReadOnlyList<string>> UnheldAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var active = await session.Query<ReservationView>().Where(r => r.Active).ToListAsync(ct);
        var missing = await MissingAsync(session, active, ct);
        return [.. missing.Select(h => active.First(r => r.ReservationId == h.ReservationId).Id).Distinct()];
    }

    private async Task<List<BoardHolder>> MissingAsync(IQuerySession session, IReadOnlyList<ReservationView> active, CancellationToken ct)
    {
        var held = active
            .SelectMany(r => r.Devices.Where(d => d.State != ReservationDeviceState.Released).Select(d => (Reservation: r, Device: d)))
            .ToList();
        var existing = (await session.LoadManyAsync<BoardHolder>(ct, held.Select(h => h.Device.Serial).Distinct()))
            .ToDictionary(h => h.Id, StringComparer.Ordinal);
        var missing = new List<BoardHolder>();
        foreach (var (reservation, device) in held)
        {
            if (existing.TryGetValue(device.Serial, out var holder))
            {
                if (holder.ReservationId != reservation.ReservationId)
                {
                    logger.LogWarning("Board {Serial} is held by reservation {Holder}, and active reservation {ReservationId} also lists it; left as it is",
                        device.Serial, holder.ReservationId, reservation.ReservationId);
                }

                continue;
            }

            missing.Add(new BoardHolder { Id = device.Serial, ReservationId = reservation.ReservationId, Worker = device.Worker, Since = reservation.GrantedAt });
            existing[device.Serial] = missing[^1];
        }

        return missing;
    }
}
