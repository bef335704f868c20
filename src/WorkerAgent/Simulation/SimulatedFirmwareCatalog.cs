using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// Generated UF2 images (hardware.md §3) that the simulated ROM parses block by block; each is validated
/// like a real one before the catalog hands it out.
/// </summary>
internal sealed class SimulatedFirmwareCatalog : IFirmwareCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<FirmwareKind, FirmwareImage>> Images = new(() => new Dictionary<FirmwareKind, FirmwareImage>
    {
        [FirmwareKind.Default] = FirmwareImage.Validated(FirmwareKind.Default, "default_firmware.uf2", SimulatedFirmwareImages.BuildUf2(FirmwareKind.Default)),
        [FirmwareKind.PulseCount] = FirmwareImage.Validated(FirmwareKind.PulseCount, "bitstream_over_usb.uf2", SimulatedFirmwareImages.BuildUf2(FirmwareKind.PulseCount)),
        [FirmwareKind.Variance] = FirmwareImage.Validated(FirmwareKind.Variance, "variance_firmware.uf2", SimulatedFirmwareImages.BuildUf2(FirmwareKind.Variance, absoluteBlock: true)),
    });

    /// <inheritdoc />
    public FirmwareImage Get(FirmwareKind kind) => Images.Value[kind];
}
