using IceFarm.Contracts.Devices;

namespace IceFarm.Contracts.Workers;

/// <summary>The service's answer to <see cref="WorkerHello"/>: every board of the worker that an active reservation holds.</summary>
/// <param name="Worker">The worker's name.</param>
/// <param name="Boards">One <see cref="PrepareDevice"/> per held board, as the grant sent it.</param>
public sealed record WorkerAssignments(string Worker, IReadOnlyList<PrepareDevice> Boards) : IMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
