using System.Diagnostics.CodeAnalysis;

namespace IceFarm.AdminApi.Panel.Live;

/// <summary>Return paths that forms carry: only a path on this site, so a crafted form cannot bounce the operator elsewhere.</summary>
internal static class PanelPaths
{
    public static bool IsLocal([NotNullWhen(true)] string? path) =>
        path is ['/', ..] && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal) && !path.Any(char.IsControl);

    public static string LocalOrRoot(string? path) => IsLocal(path) ? path : "/";
}
