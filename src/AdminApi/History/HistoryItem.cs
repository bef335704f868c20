namespace IceFarm.AdminApi.History;

/// <summary>
/// One entry of a board's history before it is described: the event as it is told (<paramref name="Data"/>), where it
/// stands in the farm's event log, and who ended the reservation when the entry is that end.
/// </summary>
internal sealed record HistoryItem(long Sequence, DateTimeOffset At, object Data, string? EndedBy = null);
