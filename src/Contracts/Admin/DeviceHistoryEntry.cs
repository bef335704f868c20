namespace IceFarm.Contracts.Admin;

/// <summary>One event of a board's history, as the admin API shows it (newest first).</summary>
/// <param name="Version">The event's position in the farm's event log: later events have higher numbers.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="Type">The event's name, such as <c>DeviceReserved</c>.</param>
/// <param name="Description">One sentence for people (who, what, why).</param>
public sealed record DeviceHistoryEntry(long Version, DateTimeOffset At, string Type, string Description);
