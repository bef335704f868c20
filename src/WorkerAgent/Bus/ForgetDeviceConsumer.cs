using IceFarm.Contracts.Devices;
using IceFarm.WorkerAgent.Boards;
using MassTransit;

namespace IceFarm.WorkerAgent.Bus;

/// <summary>
/// <see cref="ForgetDevice"/>: the board's actor and everything it knew go; the next scan finds the board
/// (if still plugged in) as new and brings it up from scratch.
/// </summary>
internal sealed class ForgetDeviceConsumer(BoardSupervisor supervisor) : IConsumer<ForgetDevice>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<ForgetDevice> context)
        => supervisor.ForgetAsync(context.Message.Serial, context.Message.RequestedBy, context.CancellationToken);
}
