using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Devices;
using IceFarm.ReservationService.Devices;
using IceFarm.ReservationService.Hosting;
using IceFarm.ReservationService.Reservations;
using Marten;
using MassTransit;

namespace IceFarm.ReservationService.Admin;

/// <summary>Reboot and forget: recorded on the board's stream with the admin's name, then forwarded to its worker.</summary>
internal sealed class DeviceActionForwarder(IDocumentSession session, WorkerCommands workers, TimeProvider time, ILogger<DeviceActionForwarder> logger)
    : IConsumer<RebootDeviceByAdmin>, IConsumer<ForgetDeviceByAdmin>
{
    public Task Consume(ConsumeContext<RebootDeviceByAdmin> context) =>
        ForwardAsync(context.Message.Serial, "reboot", context.Message.Admin, new RebootDevice(context.Message.Serial, context.Message.Admin), context.CancellationToken);

    public Task Consume(ConsumeContext<ForgetDeviceByAdmin> context) =>
        ForwardAsync(context.Message.Serial, "forget", context.Message.Admin, new ForgetDevice(context.Message.Serial, context.Message.Admin), context.CancellationToken);

    private async Task ForwardAsync<T>(string serial, string action, string admin, T command, CancellationToken ct)
        where T : class, Contracts.IMessage
    {
        var device = await session.LoadAsync<DeviceView>(StreamIds.Device(serial), ct);
        if (device is null)
        {
            logger.LogWarning("Admin {Admin} asked to {Action} unknown board {Serial}", admin, action, serial);
            return;
        }

        session.Events.Append(device.Id, new DeviceActionRequested(serial, action, admin, time.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        await workers.SendAsync(device.Worker, command, ct);
        logger.LogInformation("Admin {Admin} asked {Worker} to {Action} board {Serial}", admin, device.Worker, action, serial);
    }
}
