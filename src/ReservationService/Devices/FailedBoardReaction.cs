using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Evaluations;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Evaluations;
using IceFarm.ReservationService.Reservations;
using Marten;

namespace IceFarm.ReservationService.Devices;

/// <summary>
/// A reserved board that went Broken or Bad: unless the client opted out, a healthy board of the same kind joins the
/// reservation in its place (<c>device-replaced</c>, then it is prepared); its client is told (<c>device-failed</c> with
/// the worker's reason), its open evaluations end as <c>Device</c> failures (the SDK moves AnyBoard work to the other
/// boards, the replacement among them), and the board leaves the reservation, so the SDK no longer waits on its own
/// deadline for a board the farm knows is gone. The replacement comes first, so a reservation whose only board failed
/// goes on instead of ending.
/// </summary>
internal sealed class FailedBoardReaction(
    IDocumentStore store, ReservationEnder ender, EvaluationOutcomes outcomes, ClientEventHub hub, BoardReplacer replacer,
    ReservationPreparer preparer, ILogger<FailedBoardReaction> logger)
{
    public static bool Failed(DeviceState state, DeviceHealth health) => state == DeviceState.Broken || health == DeviceHealth.Bad;

    public async Task ReactAsync(string serial, string reason, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        if (await session.LoadAsync<BoardHolder>(serial, ct) is not { ReservationId: var reservationId }
            || await session.LoadAsync<ReservationView>(StreamIds.Reservation(reservationId), ct) is not { Active: true } reservation)
        {
            return;
        }

        var clientId = reservation.ClientId;

        logger.LogWarning("Board {Serial} of reservation {ReservationId} failed: {Reason}; telling {ClientId}", serial, reservationId, reason, clientId);
        if (!reservation.NoReplacement && await replacer.ReplaceAsync(reservationId, serial, reason, ct) is { } replacement)
        {
            // Told before the failure, so the SDK counts the replacement among the boards the failed one's work may move to.
            logger.LogInformation("Board {Replacement} on {Worker} replaces failed board {Serial} in reservation {ReservationId}",
                replacement.Serial, replacement.Worker, serial, reservationId);
            await hub.PublishAsync(clientId, StreamEventTypes.DeviceReplaced,
                new DeviceReplacedEvent(reservationId, serial, replacement.Serial, replacement.Worker, reason), ct);
            await preparer.PrepareAsync(reservation, replacement.Serial, replacement.Worker, ct);
        }
        else if (!reservation.NoReplacement)
        {
            logger.LogWarning("No healthy {Kind} board is free to replace board {Serial} of reservation {ReservationId}", reservation.Kind, serial, reservationId);
        }

        await outcomes.FailOpenAsync(reservationId, serial, FailureCategory.Device, $"board {serial} failed: {reason}", ct);
        await hub.PublishAsync(clientId, StreamEventTypes.DeviceFailed, new DeviceFailedEvent(reservationId, serial, reason), ct);
        await ender.ReleaseDeviceAsync(reservation, serial, $"device failed: {reason}", "farm", ct, ReservationEndReason.DeviceFailed);
    }
}
