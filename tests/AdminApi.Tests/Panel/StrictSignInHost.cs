namespace IceFarm.AdminApi.Tests.Panel;

/// <summary>An AdminApi that takes three sign-in attempts a minute, and twenty requests without a valid token, from one address.</summary>
public sealed class StrictSignInHost : AdminApiHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Limits:SignInsPerMinute"] = "3",
        ["Limits:AnonymousRequestsPerSecond"] = "1",
        ["Limits:AnonymousBurst"] = "20",
    };
}
