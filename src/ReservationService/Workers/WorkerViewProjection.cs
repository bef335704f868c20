using Marten.Events.Aggregation;

namespace IceFarm.ReservationService.Workers;

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
        return view;
    }

    public static void Apply(WorkerWentOffline e, WorkerView view)
    {
        view.Online = false;
        view.OfflineSince = e.At;
        view.OfflineReason = e.Reason;
    }
}
