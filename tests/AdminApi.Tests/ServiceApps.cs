using System.Reflection;
using Microsoft.AspNetCore.Builder;

namespace IceFarm.AdminApi.Tests;

/// <summary>
/// Builds the ReservationService and the WorkerAgent hosts. Their <c>XxxApp.Build</c> methods are internal and those
/// assemblies do not (yet) grant this one access, so the call goes through reflection on the one stable signature
/// <c>Build(string[], Action&lt;WebApplicationBuilder&gt;?)</c>.
/// REVIEW: replace with direct calls once ReservationService and WorkerAgent list IceFarm.AdminApi.Tests in InternalsVisibleTo.
/// </summary>
internal static class ServiceApps
{
    public static WebApplication ReservationService(Action<WebApplicationBuilder> configure) =>
        Build("IceFarm.ReservationService", "IceFarm.ReservationService.ReservationServiceApp", configure);

    public static WebApplication WorkerAgent(Action<WebApplicationBuilder> configure) =>
        Build("IceFarm.WorkerAgent", "IceFarm.WorkerAgent.WorkerAgentApp", configure);

    private static WebApplication Build(string assembly, string type, Action<WebApplicationBuilder> configure)
    {
        var build = Assembly.Load(assembly).GetType(type, throwOnError: true)!
            .GetMethod("Build", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(string[]), typeof(Action<WebApplicationBuilder>)])
            ?? throw new MissingMethodException(type, "Build");
        return (WebApplication)build.Invoke(null, [Array.Empty<string>(), configure])!;
    }
}
