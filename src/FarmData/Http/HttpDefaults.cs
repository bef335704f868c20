using System.Text.Json.Serialization;
using IceFarm.FarmData.Limits;
using IceFarm.ServiceDefaults;

namespace IceFarm.FarmData.Http;

/// <summary>JSON, ProblemDetails, OpenAPI, security headers and limits: what the IceFarm HTTP APIs share (the rest is ServiceDefaults).</summary>
internal static class HttpDefaults
{
    public static WebApplicationBuilder AddHttpDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOptions<DatabaseOutageOptions>().BindConfiguration(DatabaseOutageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddOpenApi();
        builder.AddWebSecurity();
        builder.AddFarmLimits();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        return builder;
    }

    public static WebApplication UseHttpDefaults(this WebApplication app)
    {
        app.UseWebSecurity();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        // After authentication: the limits count per signed-in caller, and per address only without a valid token.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapOpenApi();
        return app;
    }
}
