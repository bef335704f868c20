using IceFarm.AdminApi.Panel.Oidc;
using Xunit;

namespace IceFarm.AdminApi.Tests.Units;

public sealed class When_OIDC_sign_in_is_configured
{
    private static OidcOptions Valid() => new()
    {
        Authority = "https://idp.example.org/realms/lab",
        ClientId = "icefarm",
        Roles = new OidcRoleMap { Operator = ["farm-ops"] },
    };

    [Fact]
    public void An_empty_authority_turns_it_off_and_needs_nothing_else() =>
        Assert.True(new OidcOptionsValidator().Validate(null, new OidcOptions()).Succeeded);

    [Fact]
    public void A_complete_setup_is_accepted() =>
        Assert.True(new OidcOptionsValidator().Validate(null, Valid()).Succeeded);

    [Theory]
    [InlineData("no-client", "Oidc:ClientId")]
    [InlineData("no-roles", "Oidc:Roles")]
    [InlineData("plain-http", "plain HTTP")]
    [InlineData("relative", "absolute")]
    [InlineData("short-session", "SessionLifetime")]
    public void A_setup_that_could_not_work_safely_is_refused_on_start(string flaw, string named)
    {
        var options = Valid();
        switch (flaw)
        {
            case "no-client": options.ClientId = ""; break;
            case "no-roles": options.Roles = new OidcRoleMap(); break;
            case "plain-http": options.Authority = "http://idp.lab/"; break;
            case "relative": options.Authority = "idp/realms/lab"; break;
            case "short-session": options.SessionLifetime = TimeSpan.FromMinutes(1); break;
        }

        var result = new OidcOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_highest_role_any_value_maps_to_wins_and_unmapped_values_give_none()
    {
        var map = new OidcRoleMap { Viewer = ["all"], Operator = ["ops"], Admin = ["root"] };
        Assert.Equal("admin", map.RoleOf(["all", "root", "ops"]));
        Assert.Equal("operator", map.RoleOf(["all", "ops"]));
        Assert.Equal("viewer", map.RoleOf(["all"]));
        Assert.Null(map.RoleOf(["ALL", "marketing"]));
    }
}
