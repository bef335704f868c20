using IceFarm.Contracts.Devices;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Store;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Devices;

/// <summary>Records a board's health check on its stream and holds the board once it failed too many in a row (<see cref="DeviceHolds.Checked"/>).</summary>
internal sealed class DeviceHealthCheckedConsumer(IDocumentStore store, IOptions<HealthOptions> options, ILogger<DeviceHealthCheckedConsumer> logger)
    : IConsumer<DeviceHealthChecked>
{
    public async Task Consume(ConsumeContext<DeviceHealthChecked> context)
    {
        var check = context.Message;
        // A session of this attempt's own: a retry after a lost race must not reuse the stream it read before.
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<DeviceView>(StreamIds.Device(check.Serial), context.CancellationToken);
        if (stream.Aggregate is not { } view || view.Worker != check.Worker)
        {
            logger.LogWarning("Health check of board {Serial} from worker {Worker}, which does not own it; ignored", check.Serial, check.Worker);
            return;
        }

        var events = DeviceHolds.Checked(view, check, options.Value.FailuresToHold);
        stream.AppendMany(events);
        await session.SaveChangesAsync(context.CancellationToken);
        if (events.OfType<DeviceHeld>().FirstOrDefault() is { } held)
        {
            logger.LogWarning("Board {Serial} is held as Bad: {Reason}", check.Serial, held.Reason);
        }
    }
}
