namespace IceFarm.Contracts.Admin;

/// <summary>Body of <c>POST /api/admin/tokens/{id}/revoke</c>.</summary>
/// <param name="Reason">Why (required; kept with the token).</param>
public sealed record RevokeTokenRequest(string? Reason);
