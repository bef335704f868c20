using IceFarm.Contracts.Http;

namespace IceFarm.AdminApi.Farm;

/// <summary>
/// One board as PostgreSQL hands it over: the projection's fields as text, so the device table never deserialises a
/// document. Ids and times stay text until a page needs them as values (<see cref="ToInfo"/>).
/// </summary>
internal sealed record DeviceRow(
    string Serial, string Worker, string State, string Health, string? Reason, string? ClientId, string? ReservationId, string? Kind, string? ExpiresAt,
    string? HoldJson = null)
{
    public DeviceInfo ToInfo() => new(
        Serial, Worker, State, Health, Reason, ClientId,
        ReservationId is null ? null : Guid.Parse(ReservationId),
        Kind,
        ExpiresAt is null ? null : DateTimeOffset.Parse(ExpiresAt, System.Globalization.CultureInfo.InvariantCulture))
    {
        Hold = HoldJson is null ? null : System.Text.Json.JsonSerializer.Deserialize<DeviceHoldInfo>(HoldJson, System.Text.Json.JsonSerializerOptions.Web),
    };
}
