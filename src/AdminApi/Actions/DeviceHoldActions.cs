using IceFarm.AdminApi.Farm;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Devices;

namespace IceFarm.AdminApi.Actions;

/// <summary>
/// Takes one board out of allocation (maintenance, retired) and returns it, also after failed health checks: checked
/// against the board's view, carried out by the ReservationService, which records who and why on the device stream.
/// </summary>
internal sealed class DeviceHoldActions(FarmReader farm, AdminActions actions)
{
    public async Task<ActionOutcome> HoldAsync(string serial, DeviceHold hold, string? reason, string admin, CancellationToken ct)
    {
        if (!ActionText.TryReason(reason, out var why, out var invalid))
        {
            return invalid;
        }

        if (await farm.DeviceAsync(serial, ct) is not { } device)
        {
            return ActionOutcome.NotFound($"No board has serial '{serial}'.");
        }

        if (device.Hold is { } current && current.Hold == hold.ToString())
        {
            return ActionOutcome.AlreadyHeld($"Board {serial} is already {Word(hold)} (since {current.Since:u}, by {current.By}).");
        }

        await actions.SendAsync(new HoldDeviceByAdmin(serial, hold, admin, why), ct);
        var action = hold == DeviceHold.Retired ? "retire" : "maintenance";
        var after = device.ReservationId is { } reservation
            ? $" Its reservation {reservation} keeps it until that ends."
            : "";
        return ActionOutcome.Sent(new AdminActionAccepted(action, serial, [], admin,
            $"Taking board {serial} out of service ({Word(hold)}): it is not allocated again until it is returned to service.{after}"));
    }

    public async Task<ActionOutcome> ReturnAsync(string serial, string? reason, string admin, CancellationToken ct)
    {
        if (!ActionText.TryReason(reason, out var why, out var invalid))
        {
            return invalid;
        }

        if (await farm.DeviceAsync(serial, ct) is not { } device)
        {
            return ActionOutcome.NotFound($"No board has serial '{serial}'.");
        }

        if (device.Hold is null)
        {
            return ActionOutcome.NothingHeld($"Board {serial} is not held out of service; there is nothing to return.");
        }

        await actions.SendAsync(new ReturnDeviceToServiceByAdmin(serial, admin, why), ct);
        return ActionOutcome.Sent(new AdminActionAccepted("return-to-service", serial, [], admin,
            $"Returning board {serial} to service: it may be allocated again once its worker reports it Available."));
    }

    private static string Word(DeviceHold hold) => hold switch
    {
        DeviceHold.Maintenance => "in maintenance",
        DeviceHold.Retired => "retired",
        _ => "held after failed health checks",
    };
}
