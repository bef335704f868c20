using IceFarm.WorkerAgent.Bus;
using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Linux;
using IceFarm.WorkerAgent.Workers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>Registers the board seams, the actors' shared services and the supervisor.</summary>
internal static class BoardsRegistration
{
    /// <summary>Adds boards: simulated when <c>Worker:SimulatedBoards</c> &gt; 0, otherwise the Linux USB drivers.</summary>
    public static WebApplicationBuilder AddBoards(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BoardOptions>().BindConfiguration(BoardOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BoardOptions>, BoardOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<FirmwareOptions>().BindConfiguration(FirmwareOptions.SectionName);

        // Decided when first resolved, not here, so configuration added after the defaults still counts.
        services.AddSingleton(sp =>
        {
            var worker = sp.GetRequiredService<IOptions<WorkerOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            if (worker.SimulatedBoards == 0)
            {
                return BoardHardwareFactory.Linux(
                    sp.GetRequiredService<IOptions<BoardOptions>>().Value, sp.GetRequiredService<IOptions<FirmwareOptions>>().Value, time, loggers);
            }

            return BoardHardwareFactory.Simulated(sp.GetRequiredService<SimulatedFarm>(), sp.GetRequiredService<SimulatedSysfsRoot>().Path, loggers);
        });

        // A singleton made after the sysfs root, so the container stops the boards' timers before it deletes their tree.
        services.AddSingleton(sp => BoardHardwareFactory.SimulatedFarm(
            sp.GetRequiredService<IOptions<WorkerOptions>>().Value, sp.GetRequiredService<SimulatedSysfsRoot>().Path,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IFirmwareFlasher>(sp =>
        {
            var hardware = sp.GetRequiredService<BoardHardware>();
            var flasher = new Uf2Flasher(
                hardware.Discovery, hardware.Transports, hardware.Writer, sp.GetRequiredService<IOptions<BoardOptions>>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Uf2Flasher>>());
            return new Metrics.MeteredFlasher(flasher, sp.GetRequiredService<Metrics.WorkerMetrics>(), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp =>
        {
            var worker = sp.GetRequiredService<IOptions<WorkerOptions>>().Value;
            var hardware = sp.GetRequiredService<BoardHardware>();
            return new BoardActorServices(
                worker.Name,
                worker.Kinds,
                sp.GetRequiredService<IOptions<BoardOptions>>().Value,
                sp.GetRequiredService<IFirmwareFlasher>(),
                hardware.Catalog,
                hardware.Transports,
                sp.GetRequiredService<QueuedEventPublisher>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>());
        });
        services.AddSingleton(sp => new SimulatedSysfsRoot(sp.GetRequiredService<IOptions<WorkerOptions>>().Value.Name));
        services.AddSingleton<BoardRegistry>();
        services.AddSingleton<BoardSupervisor>();
        services.AddHostedService(sp => sp.GetRequiredService<BoardSupervisor>());
        return builder;
    }
}
