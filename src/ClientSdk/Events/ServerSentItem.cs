namespace IceFarm.Client.Events;

/// <summary>An event (<see cref="Comment"/> null) or a comment line of a text/event-stream.</summary>
internal sealed record ServerSentItem(string? Comment, long? Id, string Type, string Data);
