namespace IceFarm.Contracts.Admin;

/// <summary>Body of the board maintenance, retire and return-to-service actions.</summary>
/// <param name="Reason">Why, recorded in the board's history (at most 500 characters).</param>
public sealed record DeviceHoldRequest(string? Reason);
