using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Workers;
using Marten;
using Marten.Services;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// Feeds every committed device, worker and reservation view of this process (the inline projections' results, whoever
/// appended: grants, ends, heartbeats, liveness, drains) into the <see cref="FreeBoardIndex"/>, with no extra query: the
/// reservation's view says which boards it holds and which it let go.
/// </summary>
internal sealed class FreeBoardListener(FreeBoardIndex index) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var document in commit.Updated.Concat(commit.Inserted))
        {
            switch (document)
            {
                case DeviceView device:
                    index.Observe(device);
                    break;
                case WorkerView worker:
                    index.Observe(worker);
                    break;
                case ReservationView reservation:
                    index.Observe(reservation);
                    break;
            }
        }

        return Task.CompletedTask;
    }
}
