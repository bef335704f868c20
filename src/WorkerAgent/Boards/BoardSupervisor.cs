using IceFarm.WorkerAgent.Workers;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>Discovers the boards at start, gives each its actor, and stops them with the host.</summary>
/// <remarks>REVIEW: hot-plug (netlink or sysfs polling, hardware.md §6.3) and Offline boards are a later issue.</remarks>
internal sealed class BoardSupervisor(
    BoardHardware hardware,
    BoardRegistry registry,
    BoardActorServices services,
    IOptions<WorkerOptions> worker,
    ILogger<BoardSupervisor> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var boards = await hardware.Discovery.ScanAsync(stoppingToken);
        if (boards.Count == 0)
        {
            if (worker.Value.SimulatedBoards == 0)
            {
                logger.LogWarning("No boards will be found: real USB drivers are not implemented yet (set Worker:SimulatedBoards to simulate boards)");
            }
            else
            {
                logger.LogWarning("No boards found");
            }
        }

        foreach (var board in boards)
        {
            var actor = new BoardActor(board.Serial, board.PortName, services);
            if (registry.TryAdd(actor))
            {
                logger.LogInformation("Found board {Serial} as {Identity}", board.Serial, board.Identity);
                actor.Start();
            }
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var actor in registry.RemoveAll())
        {
            await actor.DisposeAsync();
        }
    }
}
