using IceFarm.Contracts.Admin;
using IceFarm.ReservationService.Devices;
using MassTransit;

namespace IceFarm.ReservationService.Admin;

/// <summary>An operator's reboot or forget, recorded with the admin's name and forwarded to the board's worker.</summary>
internal sealed class DeviceActionForwarder(DeviceActions actions) : IConsumer<RebootDeviceByAdmin>, IConsumer<ForgetDeviceByAdmin>
{
    public Task Consume(ConsumeContext<RebootDeviceByAdmin> context) =>
        actions.RebootAsync(context.Message.Serial, context.Message.Admin, context.CancellationToken);

    public Task Consume(ConsumeContext<ForgetDeviceByAdmin> context) =>
        actions.ForgetAsync(context.Message.Serial, context.Message.Admin, context.CancellationToken);
}
