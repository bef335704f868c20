using Serilog;
using Serilog.Events;

namespace IceFarm.WorkerAgent.Hosting;

/// <summary>Serilog with the console layout every IceFarm process shares.</summary>
internal static class WorkerLogging
{
    /// <summary>The console template; identical across processes so interleaved logs read alike.</summary>
    public const string OutputTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Service} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>The <c>Service</c> property of this process.</summary>
    public const string ServiceName = "worker-agent";

    /// <summary>Replaces the default logging with Serilog; levels may be overridden under <c>Serilog</c> in configuration.</summary>
    public static WebApplicationBuilder AddWorkerLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("MassTransit", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .ReadFrom.Configuration(services.GetRequiredService<IConfiguration>())
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Service", ServiceName)
            .WriteTo.Console(outputTemplate: OutputTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        return builder;
    }
}
