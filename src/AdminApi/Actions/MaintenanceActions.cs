using System.Globalization;
using IceFarm.AdminApi.Farm;
using IceFarm.Contracts.Admin;

namespace IceFarm.AdminApi.Actions;

/// <summary>
/// Takes a worker out of service for repairs and returns it: checked against the worker's view, carried out by the
/// ReservationService (which records who and why on the worker stream), so these answer "requested", never "done".
/// </summary>
internal sealed class MaintenanceActions(FarmReader farm, AdminActions actions)
{
    public async Task<ActionOutcome> StartAsync(string worker, string? reason, DateTimeOffset? deadline, string admin, CancellationToken ct)
    {
        if (!ActionText.TryReason(reason, out var why, out var badReason))
        {
            return badReason;
        }

        if (!actions.TryDrainDeadline(deadline, out var until, out var invalid))
        {
            return invalid;
        }

        var view = await farm.WorkerViewAsync(worker, ct);
        if (view is null)
        {
            return ActionOutcome.NotFound($"No worker is named '{worker}'.");
        }

        if (view.Maintenance)
        {
            return ActionOutcome.AlreadyInMaintenance(
                $"Worker {worker} is already in maintenance (since {Utc(view.MaintenanceSince)}, by {view.MaintenanceBy}).");
        }

        await actions.SendAsync(new StartWorkerMaintenance(worker, until, admin, why), ct);
        return ActionOutcome.Sent(new AdminActionAccepted("maintenance", worker, [], admin,
            $"Taking worker {worker} out of service: no new reservations land on it, also after it restarts, until it is returned to service; leases still on it end by {Utc(until)}.")
        { Deadline = until });
    }

    public async Task<ActionOutcome> ReturnAsync(string worker, string admin, CancellationToken ct)
    {
        var view = await farm.WorkerViewAsync(worker, ct);
        if (view is null)
        {
            return ActionOutcome.NotFound($"No worker is named '{worker}'.");
        }

        if (!view.Maintenance && !view.Draining)
        {
            return ActionOutcome.AlreadyInService($"Worker {worker} is neither in maintenance nor draining; there is nothing to return.");
        }

        await actions.SendAsync(new ReturnWorkerToService(worker, admin), ct);
        return ActionOutcome.Sent(new AdminActionAccepted("return-to-service", worker, [], admin,
            view.Draining && view.DrainedAt is null
                ? $"Returning worker {worker} to service: its drain is cancelled (its leases stay) and it takes new reservations again."
                : $"Returning worker {worker} to service: it takes new reservations again."));
    }

    private static string Utc(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "?";
}
