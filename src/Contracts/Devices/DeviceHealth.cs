namespace IceFarm.Contracts.Devices;

/// <summary>The second axis operators see beside <see cref="DeviceState"/>: can the board be trusted.</summary>
public enum DeviceHealth
{
    /// <summary>Not yet known (never tested, or the worker is silent).</summary>
    Unknown,
    /// <summary>Passed its last check.</summary>
    Good,
    /// <summary>Failed its last check.</summary>
    Bad,
    /// <summary>Taken out of service by an operator.</summary>
    Maintenance,
    /// <summary>Retired by an operator: never allocated, not counted as capacity.</summary>
    Retired,
}
