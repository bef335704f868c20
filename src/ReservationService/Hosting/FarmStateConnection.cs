using MassTransit;

namespace IceFarm.ReservationService.Hosting;

/// <summary>
/// Whether this replica is connected to the broker and consuming the farm-state queue, and since when (its clock).
/// </summary>
/// <remarks>
/// Worker liveness is judged from silence, and silence means nothing while this replica cannot hear: during a broker
/// outage every worker is silent, and right after it the workers are still reconnecting (STF's trap: a missed heartbeat
/// is not an unplug). MassTransit reports the endpoint faulted when its connection drops and ready again once it consumes.
/// </remarks>
internal sealed class FarmStateConnection(TimeProvider time, ILogger<FarmStateConnection> logger) : IReceiveEndpointObserver
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _readySince;

    /// <summary>When the farm-state endpoint last became ready, or null while it is not consuming.</summary>
    public DateTimeOffset? ReadySince
    {
        get
        {
            lock (_lock)
            {
                return _readySince;
            }
        }
    }

    public Task Ready(ReceiveEndpointReady ready)
    {
        if (IsFarmState(ready))
        {
            var now = time.GetUtcNow();
            lock (_lock)
            {
                _readySince = now;
            }

            logger.LogInformation("Consuming farm state from the broker since {ReadySince}", now);
        }

        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Lost(stopping, "stopping");

    public Task Completed(ReceiveEndpointCompleted completed) => Lost(completed, "stopped");

    public Task Faulted(ReceiveEndpointFaulted faulted) => Lost(faulted, $"faulted: {faulted.Exception?.Message}");

    private Task Lost(ReceiveEndpointEvent e, string why)
    {
        if (IsFarmState(e))
        {
            bool was;
            lock (_lock)
            {
                was = _readySince is not null;
                _readySince = null;
            }

            if (was)
            {
                logger.LogWarning("Farm-state endpoint {Why}: worker silence is not counted until it consumes again", why);
            }
        }

        return Task.CompletedTask;
    }

    private static bool IsFarmState(ReceiveEndpointEvent e) =>
        e.InputAddress.AbsolutePath.EndsWith("/" + BusSetup.FarmStateQueue, StringComparison.Ordinal);
}
