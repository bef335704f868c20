using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace IceFarm.FarmData.Auth;

internal static class AuthSetup
{
    /// <summary>Bearer tokens and the farm's policies. Only the AdminApi passes <paramref name="bootstrapAdmin"/>: the client API has no admin endpoint.</summary>
    public static WebApplicationBuilder AddFarmAuth(this WebApplicationBuilder builder, bool bootstrapAdmin = false)
    {
        if (bootstrapAdmin)
        {
            builder.Services.AddOptions<AdminOptions>()
                .Configure<IConfiguration>((options, configuration) =>
                {
                    configuration.GetSection(AdminOptions.Section).Bind(options);
                    var fromEnvironment = configuration["ICEFARM_ADMIN_TOKEN"];
                    if (!string.IsNullOrEmpty(fromEnvironment))
                    {
                        options.Token = fromEnvironment;
                    }
                })
                .ValidateDataAnnotations()
                .ValidateOnStart();
            builder.Services.AddSingleton<BootstrapAdmin>();
        }

        builder.Services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TokenDirectory>();
        builder.Services.AddSingleton<Clients.ClientDirectory>();
        builder.Services.AddAuthentication(FarmClaims.Scheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(FarmClaims.Scheme, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(FarmClaims.ClientPolicy, p => p.RequireClaim(FarmClaims.ClientId))
            .AddPolicy(FarmClaims.ViewerPolicy, Role(OperatorRoles.Viewer))
            .AddPolicy(FarmClaims.OperatorPolicy, Role(OperatorRoles.Operator))
            .AddPolicy(FarmClaims.AdminPolicy, Role(OperatorRoles.Admin));
        return builder;
    }

    /// <summary>Bearer only: a panel cookie does not open the REST API, so no cross-site form can use it there.</summary>
    private static AuthorizationPolicy Role(string role) =>
        new AuthorizationPolicyBuilder(FarmClaims.Scheme).RequireRole(role).Build();
}
