namespace IceFarm.WorkerAgent.Boards;

/// <summary>
/// Stands in for the Linux USB drivers, which do not exist yet: discovery finds nothing, and the other
/// seams refuse to work rather than pretend.
/// </summary>
internal sealed class NoBoardHardware : IBoardDiscovery, ISerialTransportFactory, IBootloaderWriter, IFirmwareCatalog
{
    private const string Missing = "Real USB board drivers are not implemented yet; set Worker:SimulatedBoards to use simulated boards.";

    /// <summary>This as the four seams.</summary>
    public BoardHardware AsHardware() => new(this, this, this, this);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<DiscoveredBoard>> ScanAsync(CancellationToken cancellationToken)
        => ValueTask.FromResult<IReadOnlyList<DiscoveredBoard>>([]);

    /// <inheritdoc />
    public ISerialTransport Create(string portName) => throw new NotSupportedException(Missing);

    /// <inheritdoc />
    public Task WriteAsync(string serial, string volume, FirmwareImage image, CancellationToken cancellationToken)
        => throw new NotSupportedException(Missing);

    /// <inheritdoc />
    public FirmwareImage Get(FirmwareKind kind) => throw new NotSupportedException(Missing);
}
