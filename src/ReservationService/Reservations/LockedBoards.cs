using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;

namespace IceFarm.ReservationService.Reservations;

/// <summary>Boards read under their locks (<see cref="BoardLocks"/>) and the reservations holding any of them.</summary>
internal sealed record LockedBoards(IReadOnlyList<DeviceView> Devices, IReadOnlyDictionary<string, BoardHolder> Holders)
{
    /// <summary>The boards a grant may take: available and held by nobody.</summary>
    public IReadOnlyList<DeviceView> Free { get; } = [.. Devices.Where(d => d.IsAvailable && !Holders.ContainsKey(d.Serial))];
}
