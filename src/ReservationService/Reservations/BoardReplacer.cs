using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.Hosting;
using IceFarm.ReservationService.Reservations.Model;
using IceFarm.ReservationService.Workers;
using Marten;
using Polly;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// Grants a healthy free board of the reservation's kind in place of one that failed, in one commit on both streams at the
/// versions read: the device's (so no other grant takes it) and the reservation's (so it is still active and the failed
/// board is replaced once). A replacement restores what was granted, so it does not queue behind waiting requests.
/// </summary>
internal sealed class BoardReplacer(ReservationHandler reservations, TimeProvider time, ILogger<BoardReplacer> logger)
{
    private const int Sample = 16;

    // A lost race re-reads both streams and tries another board at once, four attempts in all.
    private readonly ResiliencePipeline _races = StreamConflicts.Retry(4, attempt =>
        logger.LogDebug("Replacing a board lost a race (attempt {Attempt}); retrying", attempt));

    /// <summary>The board granted in place of <paramref name="failedSerial"/>, or null when none is free (or it was replaced already).</summary>
    public async Task<GrantedDevice?> ReplaceAsync(Guid reservationId, string failedSerial, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var change = await reservations.HandleAsync(
            StreamIds.Reservation(reservationId),
            (session, reservation, token) => ReservationDecisions.MayReplace(reservation, failedSerial)
                ? ClaimFreeBoardAsync(session, reservation.Kind, failedSerial, token)
                : Task.FromResult<GrantedDevice?>(null),
            (reservation, free) => free is null
                ? (null, [])
                : ((GrantedDevice?)free, ReservationDecisions.Replace(reservation, failedSerial, free, reason, now)),
            ct,
            races: _races);
        return change.Appended ? change.Outcome : null;
    }

    /// <summary>
    /// A healthy free board of <paramref name="kind"/>, its stream fetched for writing: the handler's <c>DeviceReserved</c>
    /// copy lands on it at the version read, so the commit fails if another grant took the board meanwhile.
    /// </summary>
    private static async Task<GrantedDevice?> ClaimFreeBoardAsync(IDocumentSession session, string kind, string failedSerial, CancellationToken ct)
    {
        var workers = (await EligibleWorkers.ForKindAsync(session, kind, ct)).Select(w => w.Name).ToArray();
        var free = (await session.Query<DeviceView>()
            .Where(d => d.State == Contracts.Devices.DeviceState.Available && d.ReservationId == null && d.Hold == null
                && d.Serial != failedSerial && d.Worker.IsOneOf(workers))
            .Take(Sample)
            .ToListAsync(ct)).ToArray();
        if (free.Length == 0)
        {
            return null;
        }

        // Concurrent replacements (several boards failing at once) spread over the sample instead of colliding.
        var chosen = free[Random.Shared.Next(free.Length)];
        var device = await session.Events.FetchForWriting<DeviceView>(chosen.Id, ct);
        if (device.Aggregate is not { IsFree: true })
        {
            throw new JasperFx.ConcurrencyException(typeof(DeviceView), chosen.Id);
        }

        return new GrantedDevice(chosen.Serial, chosen.Worker);
    }
}
