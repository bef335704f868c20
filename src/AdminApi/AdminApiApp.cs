using IceFarm.FarmData.Queue;
using IceFarm.FarmData.Quotas;
using IceFarm.AdminApi.Actions;
using IceFarm.AdminApi.Clients;
using IceFarm.AdminApi.Tokens;
using IceFarm.AdminApi.Farm;
using IceFarm.AdminApi.History;
using IceFarm.AdminApi.Hosting;
using IceFarm.AdminApi.Panel;
using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Http;
using IceFarm.FarmData.Store;
using IceFarm.ServiceDefaults;

namespace IceFarm.AdminApi;

/// <summary>The operators' side: admin REST API and web panel over the farm's projections; actions go over the bus.</summary>
internal static class AdminApiApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.AddServiceDefaults("admin-api");
        builder.AddHttpDefaults();
        builder.AddFarmAuth(bootstrapAdmin: true);
        builder.Services.AddFarmStore(builder.Configuration);
        builder.AddAdminBus();
        builder.Services.AddOptions<AdminApiOptions>().BindConfiguration(AdminApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DeviceTable>();
        builder.Services.AddSingleton<FarmReader>();
        builder.Services.AddSingleton<ClientReader>();
        builder.Services.AddSingleton<DeviceHistoryReader>();
        builder.Services.AddSingleton<AdminActions>();
        builder.Services.AddSingleton<MaintenanceActions>();
        builder.Services.AddSingleton<DeviceHoldActions>();
        builder.AddQuotas();
        builder.Services.AddSingleton<ClientQuotaEditor>();
        builder.Services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<QueueReader>();
        builder.AddPanel();

        var app = builder.Build();
        app.UseHttpDefaults();
        app.UseAntiforgery();
        app.MapServiceDefaults();
        app.MapFarmReads();
        app.MapClientAdmin();
        app.MapQuotaAdmin();
        app.MapTokenAdmin();
        app.MapAdminActions();
        app.MapPanel();
        return app;
    }
}
