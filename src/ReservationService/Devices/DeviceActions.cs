using IceFarm.Contracts.Devices;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.Reservations;
using Marten;

namespace IceFarm.ReservationService.Devices;

/// <summary>Reboot and forget: recorded on the board's stream with who asked, then forwarded to its worker.</summary>
internal sealed class DeviceActions(IDocumentStore store, WorkerCommands workers, TimeProvider time, ILogger<DeviceActions> logger)
{
    public Task<bool> RebootAsync(string serial, string by, CancellationToken ct) =>
        ForwardAsync(serial, "reboot", by, new RebootDevice(serial, by), ct);

    public Task<bool> ForgetAsync(string serial, string by, CancellationToken ct) =>
        ForwardAsync(serial, "forget", by, new ForgetDevice(serial, by), ct);

    /// <returns>False when the board is unknown.</returns>
    private async Task<bool> ForwardAsync<T>(string serial, string action, string by, T command, CancellationToken ct)
        where T : class, Contracts.IMessage
    {
        string worker;
        await using (var session = store.LightweightSession())
        {
            var device = await session.LoadAsync<DeviceView>(StreamIds.Device(serial), ct);
            if (device is null)
            {
                logger.LogWarning("{By} asked to {Action} unknown board {Serial}", by, action, serial);
                return false;
            }

            worker = device.Worker;
            var now = time.GetUtcNow();
            session.Events.Append(device.Id, new DeviceActionRequested(serial, action, by, now));
            if (command is RebootDevice && device.ReservationId is { } reservationId)
            {
                await MarkRebootingAsync(session, reservationId, serial, by, now, ct);
            }

            await session.SaveChangesAsync(ct);
        }

        await workers.SendAsync(worker, command, ct);
        logger.LogInformation("{By} asked {Worker} to {Action} board {Serial}", by, worker, action, serial);
        return true;
    }

    /// <summary>
    /// A ready board of an active reservation is preparing again until its worker reports it initialised, so that the
    /// client hears <c>device-ready</c> when it is back. A worker that ignores the reboot keeps reporting the board serving,
    /// and reconciliation then asks it again for its DeviceInitialized.
    /// </summary>
    private static async Task MarkRebootingAsync(IDocumentSession session, Guid reservationId, string serial, string by, DateTimeOffset now, CancellationToken ct)
    {
        var reservation = await session.LoadAsync<ReservationView>(StreamIds.Reservation(reservationId), ct);
        if (reservation is { Active: true } && reservation.Devices.Exists(d => d.Serial == serial && d.State == ReservationDeviceState.Ready))
        {
            session.Events.Append(reservation.Id, new ReservationDeviceRebooting(reservationId, serial, by, now));
        }
    }
}
