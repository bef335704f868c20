namespace IceFarm.FarmData.Queue;

/// <summary>
/// A reserve request waiting for boards, stored so that every replica sees one line: whichever replica frees boards
/// serves it, and the replica holding the client's HTTP request (<see cref="HeldBy"/>) answers it. Stored with
/// optimistic concurrency: the server's grant and the holder's withdrawal cannot both win.
/// </summary>
internal sealed class QueuedRequest
{
    public Guid Id { get; set; }

    /// <summary>Marten's version: an update of a request someone else changed since it was read fails as a conflict.</summary>
    [Marten.Schema.Version]
    public Guid Version { get; set; }

    public string ClientId { get; set; } = "";

    public string Kind { get; set; } = "";

    public int Amount { get; set; }

    public List<string>? Serials { get; set; }

    public Dictionary<string, string> Args { get; set; } = [];

    public TimeSpan Duration { get; set; }

    public TimeSpan? KeepAlive { get; set; }

    public string? IdempotencyId { get; set; }

    /// <summary>False when the client opted out of replacement boards.</summary>
    public bool ReplaceFailed { get; set; } = true;

    /// <summary>The client's priority when it queued; waiting raises it (<see cref="QueuePolicy"/>).</summary>
    public int Priority { get; set; }

    public DateTimeOffset EnqueuedAt { get; set; }

    /// <summary>When the client stops waiting: the request then ends as <see cref="QueueState.Expired"/>.</summary>
    public DateTimeOffset WaitUntil { get; set; }

    /// <summary>The replica (<c>ClientEventHub.Origin</c>) that holds the client's request open and answers it.</summary>
    public string HeldBy { get; set; } = "";

    public QueueState State { get; set; }

    public Guid? ReservationId { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? EndReason { get; set; }

    public void End(QueueState state, string reason, DateTimeOffset now, Guid? reservationId = null)
    {
        State = state;
        EndReason = reason;
        EndedAt = now;
        ReservationId = reservationId;
    }
}
