using Microsoft.AspNetCore.Builder;

namespace IceFarm.AdminApi.Tests;

/// <summary>Builds the ReservationService and the WorkerAgent hosts that the admin tests run beside the AdminApi.</summary>
internal static class ServiceApps
{
    public static WebApplication ReservationService(Action<WebApplicationBuilder> configure) =>
        IceFarm.ReservationService.ReservationServiceApp.Build([], configure);

    public static WebApplication WorkerAgent(Action<WebApplicationBuilder> configure) =>
        IceFarm.WorkerAgent.WorkerAgentApp.Build([], configure);
}
