namespace IceFarm.Contracts.Devices;

/// <summary>Command to a worker: drop the board's state and rediscover it as if it were plugged in anew.</summary>
/// <param name="Serial">The board.</param>
/// <param name="RequestedBy">Who asked.</param>
public sealed record ForgetDevice(string Serial, string RequestedBy) : IMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
