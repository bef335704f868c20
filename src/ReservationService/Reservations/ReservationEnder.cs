using IceFarm.Contracts.Devices;
using IceFarm.ReservationService.Devices;
using IceFarm.ReservationService.Hosting;
using Marten;

namespace IceFarm.ReservationService.Reservations;

/// <summary>Ends a reservation the same way whoever asks: events first, then the workers are told to release the boards.</summary>
internal sealed class ReservationEnder(IDocumentStore store, WorkerCommands workers, TimeProvider time, ILogger<ReservationEnder> logger)
{
    public async Task<bool> EndAsync(ReservationView reservation, ReservationEndReason reason, string endedBy, CancellationToken ct)
    {
        if (!reservation.Active)
        {
            return false;
        }

        var now = time.GetUtcNow();
        await using (var session = store.LightweightSession())
        {
            // FetchForWriting makes a concurrent second end fail at commit instead of releasing twice.
            var stream = await session.Events.FetchForWriting<ReservationView>(reservation.Id, ct);
            if (stream.Aggregate is not { Active: true })
            {
                return false;
            }

            stream.AppendOne(new ReservationEnded(reservation.ReservationId, reason, endedBy, now));
            foreach (var device in reservation.Devices)
            {
                session.Events.Append(StreamIds.Device(device.Serial), new DeviceReleased(device.Serial, reservation.ReservationId, reason.ToString(), now));
            }

            await session.SaveChangesAsync(ct);
        }

        foreach (var device in reservation.Devices)
        {
            try
            {
                await workers.SendAsync(device.Worker, new ReleaseDevice(reservation.ReservationId, device.Serial, reason.ToString()), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The worker's next heartbeat still reports the board as serving this reservation; reconciliation resends.
                logger.LogWarning(ex, "Could not send ReleaseDevice for {Serial} of {ReservationId}", device.Serial, reservation.ReservationId);
            }
        }

        return true;
    }
}
