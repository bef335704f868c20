using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;

namespace IceFarm.ServiceDefaults;

/// <summary>One console format for every IceFarm process, so logs of a whole farm read alike.</summary>
internal static class ServiceLogging
{
    public const string OutputTemplate =
        "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Service} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Replaces the default logging with Serilog, the process named <paramref name="service"/> in every line. The levels
    /// below are the defaults; the <c>Serilog</c> section of the configuration is read after them and may change any.
    /// </summary>
    public static WebApplicationBuilder AddServiceLogging(this WebApplicationBuilder builder, string service)
    {
        builder.Services.AddSerilog((services, configuration) => configuration
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("MassTransit", LogEventLevel.Warning)
            // Marten logs every failed command, including the optimistic-concurrency conflicts the farm expects and
            // retries; the code that handles a failure logs it where it matters.
            .MinimumLevel.Override("Marten", LogEventLevel.Fatal)
            .MinimumLevel.Override("Npgsql", LogEventLevel.Warning)
            .ReadFrom.Configuration(services.GetRequiredService<IConfiguration>())
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Service", service)
            .WriteTo.Console(outputTemplate: OutputTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        return builder;
    }
}
