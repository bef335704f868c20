using IceFarm.Contracts.Devices;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Startup;
using IceFarm.WorkerAgent.Workers;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Bus;

/// <summary>
/// Hands <see cref="RebootDevice"/> to the board's actor, behind what is already queued: the board's
/// current firmware is flashed again and its reservation and queued evaluations stay.
/// </summary>
internal sealed class RebootDeviceConsumer(
    BoardRegistry boards, CommandGate gate, IOptions<WorkerOptions> worker, TimeProvider time, ILogger<RebootDeviceConsumer> logger) : IConsumer<RebootDevice>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<RebootDevice> context)
    {
        await gate.WaitAsync(context.CancellationToken);
        var message = context.Message;
        if (boards.Find(message.Serial) is { } actor && actor.Enqueue(new RebootBoard(message.RequestedBy)))
        {
            logger.LogInformation("Reboot of board {Serial} requested by {By}", message.Serial, message.RequestedBy);
            return;
        }

        var reason = $"reboot requested by {message.RequestedBy} refused: board {message.Serial} is not attached to worker {worker.Value.Name}";
        logger.LogWarning("{Reason}", reason);
        await context.Publish(
            new DeviceStateChanged(worker.Value.Name, message.Serial, DeviceState.Offline, DeviceHealth.Unknown, reason, null, time.GetUtcNow()),
            context.CancellationToken);
    }
}
