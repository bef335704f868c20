namespace IceFarm.Contracts.Admin;

/// <summary>An operator asks the board's worker to forget it and rediscover it from scratch.</summary>
/// <param name="Serial">The board.</param>
/// <param name="Admin">Who asked.</param>
public sealed record ForgetDeviceByAdmin(string Serial, string Admin) : IMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
