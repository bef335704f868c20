namespace IceFarm.Contracts.Admin;

/// <summary>A newly issued token; the secret is shown once and stored only hashed.</summary>
/// <param name="Id">Its public id (<c>tok_…</c>), for listing and revoking.</param>
/// <param name="Subject">The client id or operator name it stands for.</param>
/// <param name="Token">The bearer secret.</param>
/// <param name="ExpiresAt">When it stops working; null: when revoked.</param>
public sealed record TokenIssued(string Id, string Subject, string Token, DateTimeOffset? ExpiresAt);
