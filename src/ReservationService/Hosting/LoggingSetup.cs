using Serilog;
using Serilog.Events;

namespace IceFarm.ReservationService.Hosting;

/// <summary>One console format for every IceFarm process, so logs of a whole farm read alike.</summary>
internal static class LoggingSetup
{
    public const string OutputTemplate =
        "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Service} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static WebApplicationBuilder AddIceFarmLogging(this WebApplicationBuilder builder, string service)
    {
        builder.Services.AddSerilog((_, configuration) => configuration
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("MassTransit", LogEventLevel.Warning)
            // Marten logs every failed command, including the optimistic-concurrency conflicts the farm expects and
            // retries; the code that handles a failure logs it where it matters.
            .MinimumLevel.Override("Marten", LogEventLevel.Fatal)
            .MinimumLevel.Override("Npgsql", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Service", service)
            .WriteTo.Console(outputTemplate: OutputTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        return builder;
    }
}
