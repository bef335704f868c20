namespace IceFarm.Contracts.Http;

/// <summary>
/// Data of a <c>device-recovering</c> stream event: the board's worker restarted and prepares the board again for the
/// same reservation; the evaluations queued for it run once it is back (results follow, nothing to resubmit).
/// </summary>
/// <param name="ReservationId">The reservation holding the board.</param>
/// <param name="Serial">The board.</param>
/// <param name="Reason">What happened.</param>
public sealed record DeviceRecoveringEvent(Guid ReservationId, string Serial, string Reason);
