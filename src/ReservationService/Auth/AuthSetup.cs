using Microsoft.AspNetCore.Authentication;

namespace IceFarm.ReservationService.Auth;

internal static class AuthSetup
{
    public static WebApplicationBuilder AddFarmAuth(this WebApplicationBuilder builder)
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
        builder.Services.AddSingleton<Clients.ClientDirectory>();
        builder.Services.AddAuthentication(FarmClaims.Scheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(FarmClaims.Scheme, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(FarmClaims.ClientPolicy, p => p.RequireClaim(FarmClaims.ClientId))
            .AddPolicy(FarmClaims.AdminPolicy, p => p.RequireRole(FarmClaims.AdminRole));
        return builder;
    }
}
