namespace IceFarm.Client;

/// <summary>A board of a lease as the client last saw it.</summary>
/// <param name="Serial">The board's USB serial.</param>
/// <param name="Worker">The worker host it is plugged into.</param>
/// <param name="State">Its state.</param>
public sealed record LeaseDevice(string Serial, string Worker, DeviceState State);
