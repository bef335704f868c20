using IceFarm.ReservationService.Hosting;

namespace IceFarm.ReservationService.Queue;

/// <summary>
/// This replica's wake-ups for the queue: <see cref="Server"/> when boards may have become free or the line changed,
/// <see cref="Holders"/> when another replica may have ended a request whose client waits here. A class of its own so
/// that whatever frees boards (an end, a heartbeat) can poke the server without depending on it.
/// </summary>
internal sealed class QueueSignals
{
    public Wakeup Server { get; } = new();

    public Wakeup Holders { get; } = new();
}
