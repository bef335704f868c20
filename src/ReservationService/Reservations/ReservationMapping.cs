using IceFarm.Contracts.Http;

namespace IceFarm.ReservationService.Reservations;

internal static class ReservationMapping
{
    public static ReservationResponse ToResponse(this ReservationView view) => new(
        view.ReservationId,
        view.Kind,
        view.ExpiresAt,
        [.. view.Devices.Select(d => new ReservedDevice(d.Serial, d.Worker, d.State.ToString().ToLowerInvariant()))]);
}
