using IceFarm.Contracts.Admin;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.Reservations;
using Marten;
using MassTransit;

namespace IceFarm.ReservationService.Admin;

/// <summary>An operator extends a reservation, under the same cap as clients.</summary>
internal sealed class ExtendReservationByAdminConsumer(IQuerySession session, ReservationExtender extender, ILogger<ExtendReservationByAdminConsumer> logger)
    : IConsumer<ExtendReservationByAdmin>
{
    public async Task Consume(ConsumeContext<ExtendReservationByAdmin> context)
    {
        var command = context.Message;
        var reservation = await session.LoadAsync<ReservationView>(StreamIds.Reservation(command.ReservationId), context.CancellationToken);
        var expiresAt = reservation is null || command.By <= TimeSpan.Zero
            ? null
            : await extender.ExtendAsync(reservation, command.By, command.Admin, context.CancellationToken);
        logger.LogInformation("Admin {Admin} extended reservation {ReservationId} by {By}: now ends {ExpiresAt}",
            command.Admin, command.ReservationId, command.By, expiresAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "(not active)");
    }
}
