using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.Contracts.Workers;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Reservations;
using Marten;
using MassTransit;

namespace IceFarm.ReservationService.Workers;

/// <summary>
/// Answers a starting worker with the reservations that hold its boards (the service is the authority), so a worker
/// that crashed or was rescheduled prepares them again for the same reservations instead of releasing them; each
/// holder is told <c>device-recovering</c>.
/// </summary>
/// <remarks>
/// On the farm-state queue, so it is ordered with the worker's heartbeats: a grant or an end applied before the hello is
/// in the answer, one applied after it reaches the worker as an ordinary command, which the worker consumes after it.
/// </remarks>
internal sealed class WorkerHelloConsumer(IQuerySession session, ClientEventHub hub, ILogger<WorkerHelloConsumer> logger) : IConsumer<WorkerHello>
{
    public async Task Consume(ConsumeContext<WorkerHello> context)
    {
        var hello = context.Message;
        var ct = context.CancellationToken;
        var held = await session.Query<BoardHolder>().Where(h => h.Worker == hello.Worker).ToListAsync(ct);
        var ids = held.Select(h => StreamIds.Reservation(h.ReservationId)).Distinct().ToArray();
        var reservations = ids.Length == 0
            ? []
            : (await session.LoadManyAsync<ReservationView>(ct, ids)).Where(r => r.Active).ToDictionary(r => r.ReservationId);

        var boards = new List<PrepareDevice>();
        foreach (var device in held)
        {
            if (reservations.TryGetValue(device.ReservationId, out var reservation)
                && reservation.Devices.Exists(d => d.Serial == device.Id && d.State != ReservationDeviceState.Released))
            {
                boards.Add(new PrepareDevice(reservation.ReservationId, reservation.ClientId, device.Id, reservation.Kind, reservation.Args));
            }
        }

        await context.RespondAsync(new WorkerAssignments(hello.Worker, boards));
        logger.LogInformation("Worker {Worker} started (instance {Instance}); {Boards} of its board(s) are reserved and will be prepared again",
            hello.Worker, hello.InstanceId, boards.Count);
        var reason = $"worker {hello.Worker} restarted; the board is being prepared again for this reservation";
        foreach (var board in boards)
        {
            await hub.PublishAsync(board.ClientId, StreamEventTypes.DeviceRecovering, new DeviceRecoveringEvent(board.ReservationId, board.Serial, reason), ct);
        }
    }
}
