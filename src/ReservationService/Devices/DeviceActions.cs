using IceFarm.Contracts.Devices;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.Reservations;
using IceFarm.ReservationService.Reservations.Model;
using Marten;

namespace IceFarm.ReservationService.Devices;

/// <summary>Reboot and forget: recorded on the board's stream with who asked, then forwarded to its worker.</summary>
internal sealed class DeviceActions(IDocumentStore store, ReservationHandler reservations, WorkerCommands workers, TimeProvider time, ILogger<DeviceActions> logger)
{
    public Task<bool> RebootAsync(string serial, string by, CancellationToken ct) =>
        ForwardAsync(serial, "reboot", by, new RebootDevice(serial, by), ct);

    public Task<bool> ForgetAsync(string serial, string by, CancellationToken ct) =>
        ForwardAsync(serial, "forget", by, new ForgetDevice(serial, by), ct);

    /// <returns>False when the board is unknown.</returns>
    private async Task<bool> ForwardAsync<T>(string serial, string action, string by, T command, CancellationToken ct)
        where T : class, Contracts.IMessage
    {
        DeviceView? device;
        BoardHolder? holder;
        await using (var query = store.QuerySession())
        {
            var batch = query.CreateBatchQuery();
            var deviceRead = batch.Load<DeviceView>(StreamIds.Device(serial));
            var holderRead = batch.Load<BoardHolder>(serial);
            await batch.Execute(ct);
            (device, holder) = (await deviceRead, await holderRead);
        }

        if (device is null)
        {
            logger.LogWarning("{By} asked to {Action} unknown board {Serial}", by, action, serial);
            return false;
        }

        var now = time.GetUtcNow();
        var requested = new DeviceActionRequested(serial, action, by, now);
        if (command is not RebootDevice || holder is not { ReservationId: var reservationId }
            || (await MarkRebootingAsync(reservationId, requested, ct)).Before is null)
        {
            await using var session = store.LightweightSession();
            session.Events.Append(device.Id, requested);
            await session.SaveChangesAsync(ct);
        }

        await workers.SendAsync(device.Worker, command, ct);
        logger.LogInformation("{By} asked {Worker} to {Action} board {Serial}", by, device.Worker, action, serial);
        return true;
    }

    /// <summary>
    /// A ready board of an active reservation is preparing again until its worker reports it initialised, so that the
    /// client hears <c>device-ready</c> when it is back (<see cref="ReservationDecisions.Reboot"/>); the request is recorded
    /// on the board's stream in the same commit. A worker that ignores the reboot keeps reporting the board serving, and
    /// reconciliation then asks it again for its DeviceInitialized.
    /// </summary>
    private Task<ReservationChange<bool>> MarkRebootingAsync(Guid reservationId, DeviceActionRequested requested, CancellationToken ct) =>
        reservations.HandleAsync(
            StreamIds.Reservation(reservationId),
            r => ReservationDecisions.Reboot(r, requested.Serial, requested.By, requested.At),
            ct,
            alongside: (session, _, _) =>
            {
                session.Events.Append(StreamIds.Device(requested.Serial), requested);
                return Task.CompletedTask;
            });
}
