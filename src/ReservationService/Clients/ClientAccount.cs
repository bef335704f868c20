namespace IceFarm.ReservationService.Clients;

/// <summary>A client identity issued by an admin. Only the token's SHA-256 is stored.</summary>
internal sealed class ClientAccount
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}
