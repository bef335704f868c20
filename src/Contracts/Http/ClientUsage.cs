namespace IceFarm.Contracts.Http;

/// <summary>What a client uses now against its quotas (<c>GET /api/v1/usage</c>, <c>GET /api/admin/clients/{id}/quota</c>).</summary>
/// <param name="ClientId">The client.</param>
/// <param name="BoardsHeld">Boards its active reservations hold.</param>
/// <param name="Reservations">Its active reservations.</param>
/// <param name="Waiting">Its requests waiting in the queue.</param>
/// <param name="BoardHoursToday">Board-hours of its reservations granted in the last 24 h.</param>
/// <param name="Quota">The quotas in force.</param>
public sealed record ClientUsage(string ClientId, int BoardsHeld, int Reservations, int Waiting, double BoardHoursToday, ClientQuotaInfo Quota);
