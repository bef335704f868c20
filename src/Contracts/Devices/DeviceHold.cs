namespace IceFarm.Contracts.Devices;

/// <summary>Why the farm keeps a board out of allocation whatever its worker reports; only an operator lifts it.</summary>
public enum DeviceHold
{
    /// <summary>An operator took it out of service for repairs.</summary>
    Maintenance,
    /// <summary>An operator retired it: it no longer counts towards the farm's capacity.</summary>
    Retired,
    /// <summary>It failed consecutive health checks (health <see cref="DeviceHealth.Bad"/>).</summary>
    FailedHealthChecks,
}
