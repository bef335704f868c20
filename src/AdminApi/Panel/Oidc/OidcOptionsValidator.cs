using Microsoft.Extensions.Options;

namespace IceFarm.AdminApi.Panel.Oidc;

/// <summary>Refuses to start with an OIDC setup that could not sign anyone in, or would trust keys fetched in the clear.</summary>
internal sealed class OidcOptionsValidator : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        List<string> failures = [];
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            failures.Add("Oidc:Authority must be an absolute http(s) URL.");
        }
        else if (authority.Scheme == "http" && options.RequireHttpsMetadata)
        {
            failures.Add("Oidc:Authority is plain HTTP: use HTTPS, or set Oidc:RequireHttpsMetadata=false for a lab provider.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("Oidc:ClientId is required when Oidc:Authority is set.");
        }

        if (string.IsNullOrWhiteSpace(options.RoleClaim) || string.IsNullOrWhiteSpace(options.NameClaim))
        {
            failures.Add("Oidc:RoleClaim and Oidc:NameClaim must name claims.");
        }

        if (options.Roles.IsEmpty)
        {
            failures.Add("Oidc:Roles maps no provider value to viewer, operator or admin: nobody could sign in.");
        }

        if (options.SessionLifetime < TimeSpan.FromMinutes(5) || options.SessionLifetime > TimeSpan.FromDays(7))
        {
            failures.Add("Oidc:SessionLifetime must be between 5 minutes and 7 days.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
