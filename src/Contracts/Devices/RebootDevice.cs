namespace IceFarm.Contracts.Devices;

/// <summary>Command to a worker: reflash the board's current firmware; its reservation and queued evaluations stay.</summary>
/// <param name="Serial">The board.</param>
/// <param name="RequestedBy">Who asked (an admin, or a client through the API).</param>
public sealed record RebootDevice(string Serial, string RequestedBy) : IMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
