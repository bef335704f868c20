using IceFarm.Contracts.Devices;
using IceFarm.FarmData.Reservations;

namespace IceFarm.ReservationService.Reservations;

/// <summary>Tells each granted board's worker to prepare it for the reservation (<c>PrepareDevice</c>).</summary>
internal sealed class ReservationPreparer(WorkerCommands workers, ILogger<ReservationPreparer> logger)
{
    public async Task PrepareAsync(ReservationView reservation, CancellationToken ct)
    {
        foreach (var device in reservation.Devices)
        {
            await PrepareAsync(reservation, device.Serial, device.Worker, ct);
        }
    }

    public async Task PrepareAsync(ReservationView reservation, string serial, string worker, CancellationToken ct)
    {
        try
        {
            await workers.SendAsync(worker, new PrepareDevice(reservation.ReservationId, reservation.ClientId, serial, reservation.Kind, reservation.Args), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The heartbeat reconciler sends it again when the worker reports the board still free (docs/reservation-service.md).
            logger.LogWarning(ex, "Could not send PrepareDevice for {Serial}", serial);
        }
    }
}
