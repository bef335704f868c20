namespace IceFarm.Contracts.Admin;

/// <summary>Answer (202) of an admin action: what was sent to the ReservationService, which records and carries it out.</summary>
/// <param name="Action">The action: <c>end</c>, <c>extend</c>, <c>reboot</c>, <c>forget</c>, <c>drain</c>, <c>maintenance</c> or <c>return-to-service</c>.</param>
/// <param name="Target">What it acts on: a serial, a client id or a worker name.</param>
/// <param name="ReservationIds">The reservations the action touches (empty for reboot, forget and the worker actions).</param>
/// <param name="RequestedBy">The admin recorded as having asked.</param>
/// <param name="Message">One sentence for people: what will happen.</param>
public sealed record AdminActionAccepted(
    string Action,
    string Target,
    IReadOnlyList<Guid> ReservationIds,
    string RequestedBy,
    string Message)
{
    /// <summary>For <c>extend</c>: how much time is added.</summary>
    public TimeSpan? By { get; init; }

    /// <summary>For <c>drain</c> and <c>maintenance</c>: when remaining leases are force-ended.</summary>
    public DateTimeOffset? Deadline { get; init; }
}
