namespace IceFarm.FarmData.Clients;

/// <summary>A client identity issued by an admin. Its tokens are <see cref="Auth.ApiToken"/> documents.</summary>
internal sealed class ClientAccount
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Where tokens were kept before they became <see cref="Auth.ApiToken"/> documents; moved and cleared at start-up.</summary>
    public string? TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    /// <summary>Quotas an admin set for this client; null fields (or none) take <c>Quotas</c> from configuration.</summary>
    public Quotas.ClientQuota? Quota { get; set; }
}
