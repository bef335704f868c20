namespace IceFarm.AdminApi.Tests.Panel.Oidc;

/// <summary>
/// An AdminApi whose panel also signs people in through a real OpenID Connect provider (<see cref="TestOidcProvider"/>)
/// that knows an operator, a viewer, a user in no mapped group, and one whose id tokens come signed by a rogue key.
/// </summary>
public class OidcPanelHost : AdminApiHost
{
    internal static readonly TestOidcUser Operator = new("olga", "sub-olga-1", "olga", ["staff", "farm-ops"]);
    internal static readonly TestOidcUser Viewer = new("vera", "sub-vera-2", "vera", ["farm-watchers"]);
    internal static readonly TestOidcUser Outsider = new("nora", "sub-nora-3", "nora", ["marketing"]);
    internal static readonly TestOidcUser Forger = new("mallory", "sub-mallory-4", "mallory", ["farm-admins"], ForgedSignature: true);

    internal TestOidcProvider Provider { get; private set; } = null!;

    /// <summary>Every test of a class starts its sign-ins from 127.0.0.1: only the limit's own test lowers this.</summary>
    protected virtual int SignInsPerMinute => 1000;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Oidc:Authority"] = Provider.Issuer.ToString(),
        ["Oidc:ClientId"] = TestOidcProvider.ClientId,
        ["Oidc:ClientSecret"] = Provider.ClientSecret,
        ["Oidc:DisplayName"] = "Test IdP",
        ["Oidc:RequireHttpsMetadata"] = "false",
        ["Oidc:Roles:Viewer:0"] = "farm-watchers",
        ["Oidc:Roles:Operator:0"] = "farm-ops",
        ["Oidc:Roles:Admin:0"] = "farm-admins",
        ["Limits:SignInsPerMinute"] = SignInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override async Task StartDependenciesAsync() =>
        Provider = await TestOidcProvider.StartAsync([Operator, Viewer, Outsider, Forger], Deadline);

    protected override async Task StopDependenciesAsync()
    {
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
    }
}
