namespace IceFarm.ReservationService.Clients;

/// <summary>A client identity issued by an admin. Only the token's SHA-256 is stored.</summary>
internal sealed class ClientAccount
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    /// <summary>Quotas an admin set for this client; null fields (or none) take <c>Quotas</c> from configuration.</summary>
    public Quotas.ClientQuota? Quota { get; set; }
}
