using IceFarm.Contracts.Devices;

namespace IceFarm.ReservationService.Devices;

/// <summary>A board joined with the reservation holding it; id is the stream id <c>device-{serial}</c>.</summary>
internal sealed class DeviceView
{
    public string Id { get; set; } = "";
    public string Serial { get; set; } = "";
    public string Worker { get; set; } = "";
    public DeviceState State { get; set; }
    public DeviceHealth Health { get; set; }
    public string? Reason { get; set; }
    public Guid? ReservationId { get; set; }
    public string? ClientId { get; set; }
    public string? Kind { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsFree => State == DeviceState.Available && ReservationId is null;
}
