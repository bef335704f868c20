namespace IceFarm.FarmData.Reservations;

internal sealed class ReservationDeviceView
{
    public string Serial { get; set; } = "";
    public string Worker { get; set; } = "";
    public ReservationDeviceState State { get; set; }

    /// <summary>When the board left the reservation (released, or the reservation ended); null while it holds it.</summary>
    public DateTimeOffset? ReleasedAt { get; set; }
}
