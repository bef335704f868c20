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
/// Grants a healthy free board of the reservation's kind in place of one that failed, in one commit: under the board's
/// lock (so no other grant takes it) and at the reservation's version read (so it is still active and the failed board is
/// replaced once). A replacement restores what was granted, so it does not queue behind waiting requests.
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
    /// A healthy free board of <paramref name="kind"/>, decided under its stream's lock (<see cref="BoardLocks"/>): a
    /// grant of the same board waits for this commit, and this one's holder fails on the board's key if a grant got there first.
    /// </summary>
    private static async Task<GrantedDevice?> ClaimFreeBoardAsync(IDocumentSession session, string kind, string failedSerial, CancellationToken ct)
    {
        var workers = (await EligibleWorkers.ForKindAsync(session, kind, ct)).Select(w => w.Name).ToArray();
        var free = await FreeBoards.SampleAsync(session, workers, Sample, failedSerial, ct);
        if (free.Count == 0)
        {
            return null;
        }

        // Concurrent replacements (several boards failing at once) spread over the sample instead of colliding.
        var chosen = free[Random.Shared.Next(free.Count)];
        if ((await BoardLocks.TakeAsync(session, [chosen.Serial], ct)).Free.Count == 0)
        {
            throw new JasperFx.ConcurrencyException(typeof(DeviceView), chosen.Id);
        }

        return new GrantedDevice(chosen.Serial, chosen.Worker);
    }
}
