namespace IceFarm.Contracts.Admin;

/// <summary>An operator lifts a board's hold (maintenance, retired, or failed health checks): it may be allocated again.</summary>
/// <param name="Serial">The board.</param>
/// <param name="Admin">Who asked.</param>
/// <param name="Reason">Why, for the board's history.</param>
public sealed record ReturnDeviceToServiceByAdmin(string Serial, string Admin, string? Reason) : IMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
