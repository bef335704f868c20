namespace IceFarm.Contracts.Admin;

/// <summary>
/// Body of <c>POST /api/admin/tokens</c> (an operator token: <paramref name="Operator"/> and <paramref name="Role"/>
/// required) and of <c>POST /api/admin/clients/{clientId}/tokens</c> (a further client token: both absent).
/// </summary>
/// <param name="Operator">The operator's name, recorded as the actor of everything done with the token.</param>
/// <param name="Role"><c>viewer</c>, <c>operator</c> or <c>admin</c>.</param>
/// <param name="ExpiresAt">When the token stops working (in the future); absent: when revoked.</param>
public sealed record IssueTokenRequest(string? Operator = null, string? Role = null, DateTimeOffset? ExpiresAt = null);
