using System.Text.Json;

namespace IceFarm.Client.Events;

/// <summary>One event of the caller's stream: its id (for resuming), its type and its JSON data.</summary>
/// <param name="Id">Increasing per client; pass the last one seen to resume.</param>
/// <param name="Type">The event type, one of <see cref="Contracts.Http.StreamEventTypes"/>.</param>
/// <param name="Data">The event's payload.</param>
public sealed record FarmEvent(long Id, string Type, JsonElement Data);
