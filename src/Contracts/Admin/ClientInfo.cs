namespace IceFarm.Contracts.Admin;

/// <summary>An issued client identity (never its token), for <c>GET /api/admin/clients</c>.</summary>
/// <param name="ClientId">The client's id.</param>
/// <param name="Name">The name it was issued under.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="CreatedBy">Which admin issued it.</param>
/// <param name="ActiveReservations">How many reservations it holds now.</param>
/// <param name="Devices">How many boards it holds now.</param>
public sealed record ClientInfo(string ClientId, string Name, DateTimeOffset CreatedAt, string CreatedBy, int ActiveReservations, int Devices);
