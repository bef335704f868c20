namespace IceFarm.Client;

/// <summary>Where a board of a lease stands.</summary>
public enum DeviceState
{
    /// <summary>Loading the reservation's firmware.</summary>
    Preparing,
    /// <summary>Ready for bitstreams.</summary>
    Ready,
    /// <summary>Rebooted by the client after it stopped answering; waiting for it to come back.</summary>
    Rebooting,
    /// <summary>Failed; no more results will come from it.</summary>
    Failed,
    /// <summary>No longer part of the lease.</summary>
    Released,
}
