namespace IceFarm.FarmData.Auth;

/// <summary>
/// The admin API's roles, each including the ones before it: a viewer reads; an operator also ends, extends, reboots,
/// drains and holds; an admin also manages clients, tokens and quotas.
/// </summary>
internal static class OperatorRoles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static readonly string[] All = [Viewer, Operator, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    /// <summary>The role and every role it includes, as role claims are checked one by one.</summary>
    public static IEnumerable<string> Including(string role) => All.Take(Array.IndexOf(All, role) + 1);
}
