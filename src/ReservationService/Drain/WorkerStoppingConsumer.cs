using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Workers;
using MassTransit;

namespace IceFarm.ReservationService.Drain;

/// <summary>
/// A stopping worker's own drain request, handed to the saga as a <see cref="DrainWorker"/> requested by the worker. The
/// worker cannot send that command itself: its broker user may write only its own reports (docs/security.md).
/// </summary>
internal sealed class WorkerStoppingConsumer(ILogger<WorkerStoppingConsumer> logger) : IConsumer<WorkerStopping>
{
    public async Task Consume(ConsumeContext<WorkerStopping> context)
    {
        var stopping = context.Message;
        logger.LogInformation("Worker {Worker} is stopping and asks to be drained by {Deadline}", stopping.Worker, stopping.Deadline);
        var saga = await context.GetSendEndpoint(AdminQueues.ReservationServiceAddress);
        await saga.Send(new DrainWorker(stopping.Worker, stopping.Deadline, DrainWorker.ByTheWorker), context.CancellationToken);
    }
}
