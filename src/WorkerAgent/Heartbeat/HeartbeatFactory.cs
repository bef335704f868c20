using IceFarm.Contracts.Workers;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Draining;
using IceFarm.WorkerAgent.Workers;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Heartbeat;

/// <summary>Builds the heartbeat: who the worker is and every board's current summary.</summary>
internal sealed class HeartbeatFactory(
    IOptions<WorkerOptions> worker, BoardRegistry boards, TimeProvider time, DrainState? drain = null, Startup.WorkerInstance? instance = null)
{
    /// <summary>The heartbeat as of now.</summary>
    public WorkerHeartbeat Create()
    {
        var options = worker.Value;
        // Its time is taken before the boards are read: a board's state change stamped after it may or may not be in the
        // snapshot, and the service then keeps the change rather than the heartbeat (reservation-service.md, Workers).
        var sentAt = time.GetUtcNow();
        return new WorkerHeartbeat(
            options.Name,
            options.Version,
            [.. options.Kinds],
            [.. boards.All.Select(a => a.Summary)],
            Draining: drain?.Draining ?? false,
            sentAt)
        {
            Host = Environment.MachineName,
            InstanceId = instance?.Id,
        };
    }
}
