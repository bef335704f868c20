using IceFarm.AdminApi.Clients;
using IceFarm.AdminApi.Farm;
using IceFarm.ReservationService.Auth;
using IceFarm.ReservationService.Hosting;

namespace IceFarm.AdminApi;

/// <summary>The operators' side: admin REST API (and, later, the web panel) over the farm's projections.</summary>
internal static class AdminApiApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", "false");
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.AddIceFarmLogging("admin-api");
        builder.AddHttpDefaults();
        builder.AddFarmAuth();
        builder.Services.AddFarmStore(builder.Configuration);

        var app = builder.Build();
        app.UseHttpDefaults();
        app.MapHealth();
        app.MapFarmReads();
        app.MapClientAdmin();
        return app;
    }
}
