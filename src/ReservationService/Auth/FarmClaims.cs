namespace IceFarm.ReservationService.Auth;

/// <summary>Claim types and policy names of the bearer-token scheme.</summary>
internal static class FarmClaims
{
    public const string Scheme = "Bearer";
    public const string ClientId = "icefarm:client";
    public const string AdminRole = "admin";
    public const string ClientPolicy = "client";
    public const string AdminPolicy = "admin";
}
