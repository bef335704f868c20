namespace IceFarm.FarmData.Reservations;

internal sealed class ReservationDeviceView
{
    public string Serial { get; set; } = "";
    public string Worker { get; set; } = "";
    public ReservationDeviceState State { get; set; }
}
