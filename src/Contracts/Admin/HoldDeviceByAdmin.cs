using IceFarm.Contracts.Devices;

namespace IceFarm.Contracts.Admin;

/// <summary>An operator takes a board out of allocation: into maintenance, or retired.</summary>
/// <param name="Serial">The board.</param>
/// <param name="Hold"><see cref="DeviceHold.Maintenance"/> or <see cref="DeviceHold.Retired"/>.</param>
/// <param name="Admin">Who asked.</param>
/// <param name="Reason">Why, for the board's history.</param>
public sealed record HoldDeviceByAdmin(string Serial, DeviceHold Hold, string Admin, string? Reason) : IMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
