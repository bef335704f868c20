namespace IceFarm.ReservationService.Workers;

/// <summary>A command reconciliation decided to send again once the heartbeat's changes are committed.</summary>
/// <param name="Command">What is sent (<c>prepare</c> or <c>release</c>), a metric tag.</param>
/// <param name="Cause">Why, in a few fixed words (a metric tag).</param>
/// <param name="Reason">Why, in words an operator understands (logged).</param>
internal sealed record BoardCommandResend(string Command, string Cause, string Reason, string Serial, Guid ReservationId, Contracts.IMessage Message);
