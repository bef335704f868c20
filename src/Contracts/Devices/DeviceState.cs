namespace IceFarm.Contracts.Devices;

/// <summary>Where a board is in its lifecycle on its worker (ARCHITECTURE.md §6).</summary>
public enum DeviceState
{
    /// <summary>Seen on USB, not yet checked.</summary>
    Discovered,
    /// <summary>Being returned to the default firmware.</summary>
    FlashingDefault,
    /// <summary>Running the self-test on the default firmware.</summary>
    SelfTest,
    /// <summary>Healthy and free to be reserved.</summary>
    Available,
    /// <summary>Being flashed with the firmware of a reservation's kind.</summary>
    Preparing,
    /// <summary>Running a reservation's firmware and accepting bitstreams.</summary>
    Serving,
    /// <summary>Leaving a reservation.</summary>
    Releasing,
    /// <summary>Failed its recovery ladder; the reason says why.</summary>
    Broken,
    /// <summary>Unplugged, or its worker went silent.</summary>
    Offline,
}
