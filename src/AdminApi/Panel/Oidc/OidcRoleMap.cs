using IceFarm.FarmData.Auth;

namespace IceFarm.AdminApi.Panel.Oidc;

/// <summary>The provider's role or group values (<c>Oidc:Roles:Admin:0</c>, …) that give each IceFarm role.</summary>
internal sealed class OidcRoleMap
{
    public string[] Viewer { get; set; } = [];

    public string[] Operator { get; set; } = [];

    public string[] Admin { get; set; } = [];

    public bool IsEmpty => Viewer.Length + Operator.Length + Admin.Length == 0;

    /// <summary>The highest IceFarm role any of <paramref name="values"/> is mapped to, or null for none.</summary>
    public string? RoleOf(IReadOnlyCollection<string> values) =>
        values.Any(v => Admin.Contains(v, StringComparer.Ordinal)) ? OperatorRoles.Admin
        : values.Any(v => Operator.Contains(v, StringComparer.Ordinal)) ? OperatorRoles.Operator
        : values.Any(v => Viewer.Contains(v, StringComparer.Ordinal)) ? OperatorRoles.Viewer
        : null;
}
