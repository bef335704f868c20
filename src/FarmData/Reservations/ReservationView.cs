namespace IceFarm.FarmData.Reservations;

/// <summary>A reservation with its boards; id is the stream id <c>reservation-{id}</c>.</summary>
internal sealed class ReservationView
{
    public string Id { get; set; } = "";
    public Guid ReservationId { get; set; }
    public string ClientId { get; set; } = "";
    public string Kind { get; set; } = "";
    public Dictionary<string, string> Args { get; set; } = [];
    public List<ReservationDeviceView> Devices { get; set; } = [];
    /// <summary>The lease's upper bound (the requested duration, moved by extensions); a lapsed keepalive ends it sooner.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The keepalive TTL, or null when the client asked for none; renewals live in <see cref="LeaseKeepAlive"/>.</summary>
    public TimeSpan? KeepAlive { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public bool Active { get; set; }

    /// <summary>A board that fails is not replaced by a healthy one (the client opted out, or named its boards).</summary>
    public bool NoReplacement { get; set; }

    /// <summary>Boards that failed and were replaced: each is replaced once.</summary>
    public List<string> ReplacedSerials { get; set; } = [];
    public DateTimeOffset? WarnedFor { get; set; }
    public ReservationEndReason? EndReason { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Boards × hours it holds them: until its end, or its expiry while active (a client's daily quota sums these).</summary>
    public double BoardHours { get; set; }
}
