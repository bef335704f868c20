using IceFarm.FarmData.Drain;
using Marten.Events.Aggregation;

namespace IceFarm.FarmData.Workers;

internal sealed class WorkerViewProjection : SingleStreamProjection<WorkerView, string>
{
    public static WorkerView Create(WorkerCameOnline e) => Apply(e, new WorkerView());

    public static WorkerView Apply(WorkerCameOnline e, WorkerView view)
    {
        view.Name = e.Name;
        view.Host = e.Host;
        view.Version = e.Version;
        view.Kinds = [.. e.Kinds];
        view.Online = true;
        view.Since = e.At;
        view.OfflineSince = null;
        view.OfflineReason = null;
        if (view.DrainedAt is not null)
        {
            // A drained worker exits; coming online again (after going offline, or as a new version) is a new process.
            view.Draining = false;
            view.DrainedAt = null;
        }

        return view;
    }

    public static void Apply(WorkerBeganDraining e, WorkerView view)
    {
        if (e.RequestedBy != Contracts.Workers.DrainWorker.ByTheWorker && e.RequestedAt is { } asked && view.ReturnedAt is { } returned && returned >= asked)
        {
            return; // an operator's drain that reached the store after the operator had returned the worker: overruled
        }

        view.Draining = true;
        view.DrainedAt = null;
    }

    public static void Apply(WorkerFinishedDraining e, WorkerView view)
    {
        if (!view.Draining)
        {
            return; // an operator returned it to service while the drain ran: that drain no longer keeps it out
        }

        view.DrainedAt = e.At;
    }

    public static void Apply(WorkerMaintenanceStarted e, WorkerView view)
    {
        view.Maintenance = true;
        view.MaintenanceBy = e.By;
        view.MaintenanceReason = e.Reason;
        view.MaintenanceSince = e.At;
    }

    public static void Apply(WorkerReturnedToService e, WorkerView view)
    {
        view.ReturnedAt = e.At;
        view.Maintenance = false;
        view.MaintenanceBy = null;
        view.MaintenanceReason = null;
        view.MaintenanceSince = null;
        view.Draining = false;
        view.DrainedAt = null;
    }

    public static void Apply(WorkerWentOffline e, WorkerView view)
    {
        view.Online = false;
        view.OfflineSince = e.At;
        view.OfflineReason = e.Reason;
    }
}
