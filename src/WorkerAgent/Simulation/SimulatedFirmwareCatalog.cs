using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// Stand-in firmware images of realistic size (a UF2 is about twice the image; hardware.md §2.6), so
/// the simulated write takes as long as a real one.
/// </summary>
/// <remarks>REVIEW: the images are blank until the simulated ROM parses UF2 blocks (a later issue).</remarks>
internal sealed class SimulatedFirmwareCatalog : IFirmwareCatalog
{
    private readonly Dictionary<FirmwareKind, FirmwareImage> _images = new()
    {
        [FirmwareKind.Default] = new(FirmwareKind.Default, "default.uf2", new byte[96 * 1024]),
        [FirmwareKind.PulseCount] = new(FirmwareKind.PulseCount, "pulse_count.uf2", new byte[160 * 1024]),
        [FirmwareKind.Variance] = new(FirmwareKind.Variance, "variance.uf2", new byte[160 * 1024]),
    };

    /// <inheritdoc />
    public FirmwareImage Get(FirmwareKind kind) => _images[kind];
}
