namespace IceFarm.AdminApi.Tests.Panel;

/// <summary>An AdminApi that takes three sign-in attempts a minute from one address.</summary>
public sealed class StrictSignInHost : AdminApiHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?> { ["Limits:SignInsPerMinute"] = "3" };
}
