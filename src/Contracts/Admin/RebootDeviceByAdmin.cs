namespace IceFarm.Contracts.Admin;

/// <summary>An operator asks to reflash a board's current firmware, keeping its reservation and queue.</summary>
/// <param name="Serial">The board.</param>
/// <param name="Admin">Who asked.</param>
public sealed record RebootDeviceByAdmin(string Serial, string Admin) : IMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
