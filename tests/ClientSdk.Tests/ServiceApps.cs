using System.Reflection;
using Microsoft.AspNetCore.Builder;

namespace IceFarm.Client.Tests;

/// <summary>
/// Builds the services' real hosts through their internal <c>XxxApp.Build(args, configure)</c>. The service projects
/// open their internals only to their own tests and EndToEnd.Tests, so this looks the entry point up by name.
/// REVIEW: an InternalsVisibleTo for IceFarm.Client.Tests in the three service projects would make this a plain call.
/// </summary>
internal static class ServiceApps
{
    public static WebApplication ReservationService(Action<WebApplicationBuilder> configure) =>
        Build("IceFarm.ReservationService", "IceFarm.ReservationService.ReservationServiceApp", configure);

    public static WebApplication AdminApi(Action<WebApplicationBuilder> configure) =>
        Build("IceFarm.AdminApi", "IceFarm.AdminApi.AdminApiApp", configure);

    public static WebApplication WorkerAgent(Action<WebApplicationBuilder> configure) =>
        Build("IceFarm.WorkerAgent", "IceFarm.WorkerAgent.WorkerAgentApp", configure);

    private static WebApplication Build(string assembly, string type, Action<WebApplicationBuilder> configure)
    {
        var build = Assembly.Load(assembly).GetType(type, throwOnError: true)!
            .GetMethod("Build", BindingFlags.Public | BindingFlags.Static, [typeof(string[]), typeof(Action<WebApplicationBuilder>)])
            ?? throw new MissingMethodException(type, "Build(string[], Action<WebApplicationBuilder>)");
        return (WebApplication)build.Invoke(null, [Array.Empty<string>(), configure])!;
    }
}
