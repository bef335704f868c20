using Microsoft.AspNetCore.Builder;

namespace IceFarm.Client.Tests;

/// <summary>Builds the three service hosts that the SDK and CLI tests run against.</summary>
internal static class ServiceApps
{
    public static WebApplication ReservationService(Action<WebApplicationBuilder> configure) =>
        IceFarm.ReservationService.ReservationServiceApp.Build([], configure);

    public static WebApplication AdminApi(Action<WebApplicationBuilder> configure) =>
        IceFarm.AdminApi.AdminApiApp.Build([], configure);

    public static WebApplication WorkerAgent(Action<WebApplicationBuilder> configure) =>
        IceFarm.WorkerAgent.WorkerAgentApp.Build([], configure);
}
