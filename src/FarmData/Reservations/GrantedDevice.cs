namespace IceFarm.FarmData.Reservations;

/// <summary>A board as recorded in a reservation's grant.</summary>
internal sealed record GrantedDevice(string Serial, string Worker);
