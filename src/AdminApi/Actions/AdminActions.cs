using System.Globalization;
using System.Xml;
using IceFarm.AdminApi.Clients;
using IceFarm.AdminApi.Farm;
using IceFarm.AdminApi.Hosting;
using IceFarm.Contracts;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Workers;
using MassTransit;
using Microsoft.Extensions.Options;
using static IceFarm.AdminApi.Actions.ActionText;

namespace IceFarm.AdminApi.Actions;

/// <summary>
/// Checks an operator's request against the projections and sends it to the ReservationService's admin queue. The
/// service is the authority: it records each command as an event naming the admin and carries it out, so this class
/// answers "requested", never "done". The API and the panel both act through it.
/// </summary>
internal sealed class AdminActions(
    FarmReader farm,
    ClientReader clients,
    IBus bus,
    TimeProvider time,
    IOptions<AdminApiOptions> options,
    ILogger<AdminActions> logger)
{
    public async Task<ActionOutcome> EndDeviceAsync(string serial, string admin, CancellationToken ct)
    {
        var device = await farm.DeviceAsync(serial, ct);
        if (device is null)
        {
            return ActionOutcome.NotFound($"No board has serial '{serial}'.");
        }

        if (device.ReservationId is not { } reservation)
        {
            return ActionOutcome.NothingReserved($"Board {serial} is not reserved; there is nothing to end.");
        }

        await SendAsync(new EndReservationByAdmin(reservation, admin, $"ended by {admin} from board {serial}"), ct);
        return ActionOutcome.Sent(new AdminActionAccepted("end", serial, [reservation], admin,
            $"Ending reservation {Short(reservation)} of {device.ClientId} (board {serial})."));
    }

    public async Task<ActionOutcome> ExtendDeviceAsync(string serial, string? duration, string admin, CancellationToken ct)
    {
        if (!TryParseExtension(duration, out var by, out var error))
        {
            return ActionOutcome.Invalid(error);
        }

        var device = await farm.DeviceAsync(serial, ct);
        if (device is null)
        {
            return ActionOutcome.NotFound($"No board has serial '{serial}'.");
        }

        if (device.ReservationId is not { } reservation)
        {
            return ActionOutcome.NothingReserved($"Board {serial} is not reserved; there is nothing to extend.");
        }

        await SendAsync(new ExtendReservationByAdmin(reservation, by, admin), ct);
        return ActionOutcome.Sent(new AdminActionAccepted("extend", serial, [reservation], admin,
            $"Extending reservation {Short(reservation)} of {device.ClientId} by {Human(by)}.") { By = by });
    }

    public async Task<ActionOutcome> EndClientAsync(string clientId, string admin, CancellationToken ct)
    {
        var reservations = await clients.ReservationsAsync(clientId, activeOnly: true, ct);
        if (reservations is null)
        {
            return ActionOutcome.NotFound($"No client has id '{clientId}'.");
        }

        if (reservations.Length == 0)
        {
            return ActionOutcome.NothingReserved($"Client {clientId} holds no reservation; there is nothing to end.");
        }

        foreach (var reservation in reservations)
        {
            await SendAsync(new EndReservationByAdmin(reservation.Id, admin, $"ended by {admin} with all of {clientId}'s reservations"), ct);
        }

        return ActionOutcome.Sent(new AdminActionAccepted("end", clientId, [.. reservations.Select(r => r.Id)], admin,
            $"Ending {Plural(reservations.Length, "reservation")} of {clientId}."));
    }

    public async Task<ActionOutcome> ExtendClientAsync(string clientId, string? duration, string admin, CancellationToken ct)
    {
        if (!TryParseExtension(duration, out var by, out var error))
        {
            return ActionOutcome.Invalid(error);
        }

        var reservations = await clients.ReservationsAsync(clientId, activeOnly: true, ct);
        if (reservations is null)
        {
            return ActionOutcome.NotFound($"No client has id '{clientId}'.");
        }

        if (reservations.Length == 0)
        {
            return ActionOutcome.NothingReserved($"Client {clientId} holds no reservation; there is nothing to extend.");
        }

        foreach (var reservation in reservations)
        {
            await SendAsync(new ExtendReservationByAdmin(reservation.Id, by, admin), ct);
        }

        return ActionOutcome.Sent(new AdminActionAccepted("extend", clientId, [.. reservations.Select(r => r.Id)], admin,
            $"Extending {Plural(reservations.Length, "reservation")} of {clientId} by {Human(by)}.") { By = by });
    }

    public Task<ActionOutcome> RebootAsync(string serial, string admin, CancellationToken ct) =>
        DeviceCommandAsync(serial, "reboot", admin, new RebootDeviceByAdmin(serial, admin),
            $"Rebooting board {serial}: its current firmware is flashed again; its reservation stays.", ct);

    public Task<ActionOutcome> ForgetAsync(string serial, string admin, CancellationToken ct) =>
        DeviceCommandAsync(serial, "forget", admin, new ForgetDeviceByAdmin(serial, admin),
            $"Forgetting board {serial}: its worker drops it and discovers it again from scratch.", ct);

    public async Task<ActionOutcome> DrainAsync(string worker, DateTimeOffset? deadline, string admin, CancellationToken ct)
    {
        if (!TryDrainDeadline(deadline, out var until, out var invalid))
        {
            return invalid;
        }

        if (!await farm.WorkerExistsAsync(worker, ct))
        {
            return ActionOutcome.NotFound($"No worker is named '{worker}'.");
        }

        await SendAsync(new DrainWorker(worker, until, admin) { RequestedAt = time.GetUtcNow() }, ct);
        return ActionOutcome.Sent(new AdminActionAccepted("drain", worker, [], admin,
            $"Draining worker {worker}: no new reservations land on it; leases still on it end by {until.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}.")
        { Deadline = until });
    }

    /// <summary>A drain's deadline (also a maintenance's): absent means the configured default; never past, never beyond the maximum.</summary>
    public bool TryDrainDeadline(DateTimeOffset? deadline, out DateTimeOffset until, out ActionOutcome invalid)
    {
        var now = time.GetUtcNow();
        until = deadline ?? now + options.Value.DefaultDrainDeadline;
        invalid = until < now ? ActionOutcome.Invalid($"'deadline' {until:O} is in the past.")
            : until > now + options.Value.MaxDrainDeadline ? ActionOutcome.Invalid($"'deadline' may be at most {Human(options.Value.MaxDrainDeadline)} from now.")
            : null!;
        return invalid is null;
    }

    /// <summary>Parses an ISO-8601 duration to add (<c>PT30M</c>); absent means the configured default.</summary>
    public bool TryParseExtension(string? text, out TimeSpan by, out string error)
    {
        error = "";
        by = options.Value.DefaultExtension;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        try
        {
            by = XmlConvert.ToTimeSpan(text.Trim());
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            by = default;
        }

        if (by > TimeSpan.Zero && by <= options.Value.MaxExtension)
        {
            return true;
        }

        error = $"'duration' must be a positive ISO-8601 duration (such as PT30M) up to {XmlConvert.ToString(options.Value.MaxExtension)}.";
        return false;
    }

    private async Task<ActionOutcome> DeviceCommandAsync<T>(string serial, string action, string admin, T command, string message, CancellationToken ct)
        where T : class, IMessage
    {
        if (await farm.DeviceAsync(serial, ct) is null)
        {
            return ActionOutcome.NotFound($"No board has serial '{serial}'.");
        }

        await SendAsync(command, ct);
        return ActionOutcome.Sent(new AdminActionAccepted(action, serial, [], admin, message));
    }

    public async Task SendAsync<T>(T command, CancellationToken ct)
        where T : class, IMessage
    {
        var endpoint = await bus.GetSendEndpoint(AdminQueues.ReservationServiceAddress);
        await endpoint.Send(command, ct);
        logger.LogInformation("Sent {Command} to {Queue}", typeof(T).Name, AdminQueues.ReservationService);
    }
}
