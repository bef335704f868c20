namespace IceFarm.Contracts.Http;

/// <summary>Boards that could be granted now for a kind.</summary>
/// <param name="Kind">The kind asked about.</param>
/// <param name="Available">How many boards are free for it.</param>
public sealed record AvailabilityResponse(string Kind, int Available);
