namespace IceFarm.Contracts.Http;

/// <summary>One board of a reservation.</summary>
/// <param name="Serial">The board's USB serial.</param>
/// <param name="Worker">The worker it is plugged into.</param>
/// <param name="State"><c>preparing</c>, <c>ready</c>, <c>failed</c> or <c>released</c>.</param>
public sealed record ReservedDevice(string Serial, string Worker, string State);
