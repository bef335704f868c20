using System.Xml;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Reservations;

namespace IceFarm.ReservationService.Reservations;

internal static class ReservationMapping
{
    /// <summary>The client's view; <paramref name="keepAlive"/> is the reservation's renewal document when it has one.</summary>
    public static ReservationResponse ToResponse(this ReservationView view, LeaseKeepAlive? keepAlive = null) => new(
        view.ReservationId,
        view.Kind,
        view.ExpiresAt,
        [.. view.Devices.Select(d => new ReservedDevice(d.Serial, d.Worker, d.State.ToString().ToLowerInvariant()))],
        view.KeepAlive is { } ttl ? XmlConvert.ToString(ttl) : null,
        KeepAlives.RenewedAt(view, keepAlive));
}
