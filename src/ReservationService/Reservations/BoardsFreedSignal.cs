using IceFarm.ReservationService.ClientEvents;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// Boards may have become free, or the line changed: this replica's queue server looks at once, and the other replicas'
/// servers and waiting lines are woken through PostgreSQL NOTIFY (heartbeats and state changes are consumed by one replica
/// at a time, and a grant is made by whichever replica serves the line, so without it a client waiting on another replica
/// would wait for that one's next look, <c>Queue:PollInterval</c>).
/// </summary>
internal sealed class BoardsFreedSignal(Queue.QueueSignals signals, ReplicaNotifier notifier, ClientEventHub hub)
{
    public const string Channel = "icefarm_boards_freed";

    public async Task AnnounceAsync(CancellationToken ct)
    {
        signals.Server.Poke();
        await notifier.NotifyAsync(Channel, ct);
    }

    /// <summary>Called by the listener for a notification on <see cref="Channel"/>.</summary>
    public void OnNotification(string origin)
    {
        if (origin != hub.Origin)
        {
            signals.Server.Poke();
            signals.Holders.Poke(); // a request held here may have been granted there
        }
    }
}
