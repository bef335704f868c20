namespace IceFarm.Contracts.Http;

/// <summary>Body of <c>POST /api/admin/clients</c>.</summary>
/// <param name="Name">A human name for the client (letters, digits, <c>.-_@</c>, at most 64).</param>
/// <param name="TokenExpiresAt">When the client's first token stops working (in the future); absent: when revoked.</param>
public sealed record CreateClientRequest(string Name, DateTimeOffset? TokenExpiresAt = null);
