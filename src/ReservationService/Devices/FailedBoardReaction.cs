using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Evaluations;
using IceFarm.Contracts.Http;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Evaluations;
using IceFarm.ReservationService.Hosting;
using IceFarm.ReservationService.Reservations;
using Marten;

namespace IceFarm.ReservationService.Devices;

/// <summary>
/// A reserved board that went Broken or Bad: its client is told (<c>device-failed</c> with the worker's reason), its open
/// evaluations end as <c>Device</c> failures (the SDK moves AnyBoard work to the other boards), and the board leaves the
/// reservation, so the SDK no longer waits on its own deadline for a board the farm knows is gone.
/// </summary>
internal sealed class FailedBoardReaction(
    IDocumentStore store, ReservationEnder ender, EvaluationOutcomes outcomes, ClientEventHub hub, ILogger<FailedBoardReaction> logger)
{
    public static bool Failed(DeviceState state, DeviceHealth health) => state == DeviceState.Broken || health == DeviceHealth.Bad;

    public async Task ReactAsync(DeviceView before, string reason, CancellationToken ct)
    {
        if (before is not { ReservationId: { } reservationId, ClientId: { } clientId })
        {
            return;
        }

        await using var session = store.QuerySession();
        if (await session.LoadAsync<ReservationView>(StreamIds.Reservation(reservationId), ct) is not { Active: true } reservation)
        {
            return;
        }

        logger.LogWarning("Board {Serial} of reservation {ReservationId} failed: {Reason}; telling {ClientId}", before.Serial, reservationId, reason, clientId);
        await outcomes.FailOpenAsync(reservationId, before.Serial, FailureCategory.Device, $"board {before.Serial} failed: {reason}", ct);
        await hub.PublishAsync(clientId, StreamEventTypes.DeviceFailed, new DeviceFailedEvent(reservationId, before.Serial, reason), ct);
        await ender.ReleaseDeviceAsync(reservation, before.Serial, $"device failed: {reason}", "farm", ct, ReservationEndReason.DeviceFailed);
    }
}
