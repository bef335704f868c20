namespace IceFarm.ReservationService.Workers;

/// <summary>
/// The last command re-sent for a board by reconciliation; id is the board's serial. Written only when something is
/// re-sent, so heartbeats that agree with the store cost nothing; it keeps the next heartbeats from re-sending the same
/// command before the worker had time to act on it.
/// </summary>
internal sealed class BoardResend
{
    public string Id { get; set; } = "";
    public string Command { get; set; } = "";
    public Guid ReservationId { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public int Count { get; set; }
}
