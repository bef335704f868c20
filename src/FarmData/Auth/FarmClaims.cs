using System.Security.Claims;

namespace IceFarm.FarmData.Auth;

/// <summary>Claim types and policy names of the bearer-token scheme.</summary>
internal static class FarmClaims
{
    public const string Scheme = "Bearer";
    public const string ClientId = "icefarm:client";
    public const string ClientPolicy = "client";

    /// <summary>Reads the farm (<see cref="OperatorRoles.Viewer"/> and above).</summary>
    public const string ViewerPolicy = "viewer";

    /// <summary>Acts on reservations, boards and workers (<see cref="OperatorRoles.Operator"/> and above).</summary>
    public const string OperatorPolicy = "operator";

    /// <summary>Manages clients, tokens and quotas (<see cref="OperatorRoles.Admin"/>).</summary>
    public const string AdminPolicy = "admin";

    /// <summary>An operator's verified name and their role with every role it includes.</summary>
    public static IEnumerable<Claim> For(string name, string role) =>
        [new Claim(ClaimTypes.Name, name), .. OperatorRoles.Including(role).Select(r => new Claim(ClaimTypes.Role, r))];
}
