using IceFarm.WorkerAgent.Kinds;
using IceFarm.WorkerAgent.Bus;
using Microsoft.Extensions.Logging;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>What every board actor of a worker shares.</summary>
/// <param name="WorkerName">The owning worker's name, stamped on every event.</param>
/// <param name="Kinds">Reservation kinds the worker serves.</param>
/// <param name="Options">Deadlines and port settings.</param>
/// <param name="Flasher">Puts firmware on boards.</param>
/// <param name="Catalog">Where the firmware images come from.</param>
/// <param name="Transports">Opens serial ports.</param>
/// <param name="Publisher">Publishes events.</param>
/// <param name="Time">The clock for every deadline.</param>
/// <param name="Loggers">Logger source.</param>
internal sealed record BoardActorServices(
    string WorkerName,
    IReadOnlyList<string> Kinds,
    BoardOptions Options,
    IFirmwareFlasher Flasher,
    IFirmwareCatalog Catalog,
    ISerialTransportFactory Transports,
    IEventPublisher Publisher,
    TimeProvider Time,
    ILoggerFactory Loggers)
{
    /// <summary>
    /// Where the actors' loops and continuations run: the thread pool; tests substitute a scheduler that
    /// tells when every actor is waiting, so a fake clock advances only then.
    /// </summary>
    public TaskScheduler Scheduler { get; init; } = TaskScheduler.Default;

    /// <summary>The kinds this build can serve and their arguments; <see cref="Kinds"/> says which of them this worker offers.</summary>
    public KindRegistry Registry { get; init; } = KindRegistry.Default;
}
