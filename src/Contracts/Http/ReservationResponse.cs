namespace IceFarm.Contracts.Http;

/// <summary>A reservation as the client API shows it.</summary>
/// <param name="Id">Reservation id.</param>
/// <param name="Kind">Reservation kind.</param>
/// <param name="ExpiresAt">When the lease ends unless extended.</param>
/// <param name="Devices">The boards it holds.</param>
public sealed record ReservationResponse(Guid Id, string Kind, DateTimeOffset ExpiresAt, IReadOnlyList<ReservedDevice> Devices);
