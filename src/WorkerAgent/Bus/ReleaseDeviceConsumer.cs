using IceFarm.Contracts.Devices;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Startup;
using IceFarm.WorkerAgent.Workers;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Bus;

/// <summary>Hands <see cref="ReleaseDevice"/> to the board's actor; a board this worker does not own has nothing to release.</summary>
internal sealed class ReleaseDeviceConsumer(
    BoardRegistry boards, CommandGate gate, IOptions<WorkerOptions> worker, ILogger<ReleaseDeviceConsumer> logger) : IConsumer<ReleaseDevice>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<ReleaseDevice> context)
    {
        await gate.WaitAsync(context.CancellationToken);
        var message = context.Message;
        if (boards.Find(message.Serial) is not { } actor || !actor.Enqueue(new ReleaseBoard(message)))
        {
            logger.LogWarning(
                "ReleaseDevice for reservation {Reservation} ignored: board {Serial} is not attached to worker {Worker}",
                message.ReservationId, message.Serial, worker.Value.Name);
        }
    }
}
