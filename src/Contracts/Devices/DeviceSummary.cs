namespace IceFarm.Contracts.Devices;

/// <summary>One board as its worker sees it, carried in every heartbeat so the service can reconcile.</summary>
/// <param name="Serial">The board's USB serial, its only stable key.</param>
/// <param name="State">Lifecycle state on the worker.</param>
/// <param name="Health">Health on the worker.</param>
/// <param name="ReservationId">The reservation the worker is serving on this board, if any.</param>
/// <param name="Kind">The firmware kind the board is running for that reservation, if any.</param>
public sealed record DeviceSummary(
    string Serial,
    DeviceState State,
    DeviceHealth Health,
    Guid? ReservationId,
    string? Kind)
{
    /// <summary>Why the board is in <see cref="State"/> (for example the reason it is Broken or Offline), for operators.</summary>
    public string? Reason { get; init; }
}
