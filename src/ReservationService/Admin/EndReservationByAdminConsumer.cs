using IceFarm.Contracts.Admin;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.Reservations;
using Marten;
using MassTransit;

namespace IceFarm.ReservationService.Admin;

/// <summary>An operator ends a reservation: the same path as a client's end, with the admin named in the event.</summary>
internal sealed class EndReservationByAdminConsumer(IQuerySession session, ReservationEnder ender, ILogger<EndReservationByAdminConsumer> logger)
    : IConsumer<EndReservationByAdmin>
{
    public async Task Consume(ConsumeContext<EndReservationByAdmin> context)
    {
        var command = context.Message;
        var reservation = await session.LoadAsync<ReservationView>(StreamIds.Reservation(command.ReservationId), context.CancellationToken);
        if (reservation is null || !await ender.EndAsync(reservation, ReservationEndReason.EndedByAdmin, command.Admin, context.CancellationToken))
        {
            logger.LogInformation("Admin {Admin} asked to end reservation {ReservationId}, which is not active", command.Admin, command.ReservationId);
            return;
        }

        logger.LogInformation("Admin {Admin} ended reservation {ReservationId} of {ClientId}: {Reason}", command.Admin, command.ReservationId, reservation.ClientId, command.Reason);
    }
}
