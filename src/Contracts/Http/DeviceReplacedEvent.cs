namespace IceFarm.Contracts.Http;

/// <summary>Data of a <c>device-replaced</c> event: <paramref name="Replacement"/> joined the reservation in place of <paramref name="Serial"/>.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="Serial">The board that failed (a <c>device-failed</c> for it follows).</param>
/// <param name="Replacement">The board granted in its place; it is being prepared (<c>device-ready</c> follows).</param>
/// <param name="Worker">The replacement's worker.</param>
/// <param name="Reason">Why the first board failed.</param>
public sealed record DeviceReplacedEvent(Guid ReservationId, string Serial, string Replacement, string Worker, string Reason);
