using Microsoft.AspNetCore.Builder;

namespace IceFarm.Testing.Farm;

/// <summary>The three service hosts, built as their Program builds them, with a test's configuration on top.</summary>
public static class FarmApps
{
    /// <summary>The ReservationService's host.</summary>
    public static WebApplication ReservationService(Action<WebApplicationBuilder> configure) =>
        IceFarm.ReservationService.ReservationServiceApp.Build([], configure);

    /// <summary>The AdminApi's host.</summary>
    public static WebApplication AdminApi(Action<WebApplicationBuilder> configure) =>
        IceFarm.AdminApi.AdminApiApp.Build([], configure);

    /// <summary>A WorkerAgent's host.</summary>
    public static WebApplication WorkerAgent(Action<WebApplicationBuilder> configure) =>
        IceFarm.WorkerAgent.WorkerAgentApp.Build([], configure);
}
