using IceFarm.Contracts.Devices;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Startup;
using IceFarm.WorkerAgent.Workers;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Bus;

/// <summary>Hands <see cref="PrepareDevice"/> to the board's actor.</summary>
/// <remarks>
/// An unknown serial is answered with <see cref="DeviceState.Offline"/> for that board: the service
/// routed by a stale view (board unplugged or forgotten, worker restarted) and must stop waiting for it.
/// </remarks>
internal sealed class PrepareDeviceConsumer(
    BoardRegistry boards, CommandGate gate, IOptions<WorkerOptions> worker, TimeProvider time, ILogger<PrepareDeviceConsumer> logger) : IConsumer<PrepareDevice>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<PrepareDevice> context)
    {
        await gate.WaitAsync(context.CancellationToken);
        var message = context.Message;
        if (boards.Find(message.Serial) is { } actor && actor.Enqueue(new PrepareBoard(message)))
        {
            return;
        }

        var reason = $"board {message.Serial} is not attached to worker {worker.Value.Name}";
        logger.LogWarning("PrepareDevice for reservation {Reservation} refused: {Reason}", message.ReservationId, reason);
        await context.Publish(
            new DeviceStateChanged(worker.Value.Name, message.Serial, DeviceState.Offline, DeviceHealth.Unknown, reason, message.ReservationId, time.GetUtcNow()),
            context.CancellationToken);
    }
}
