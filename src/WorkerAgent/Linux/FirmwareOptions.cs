using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Linux;

/// <summary>Where the firmware UF2 images live on a real worker (configuration section <c>Firmware</c>).</summary>
internal sealed class FirmwareOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Firmware";

    /// <summary>Directory holding the images.</summary>
    public string Directory { get; set; } = "/var/lib/icefarm/firmware";

    /// <summary>The default firmware (iCEFARM <c>firmware/default</c>).</summary>
    public string DefaultFile { get; set; } = "default_firmware.uf2";

    /// <summary>The pulse-count firmware (iCEFARM <c>firmware/pulse_count</c>).</summary>
    public string PulseCountFile { get; set; } = "bitstream_over_usb.uf2";

    /// <summary>The variance firmware (iCEFARM <c>firmware/variance</c>).</summary>
    public string VarianceFile { get; set; } = "variance_firmware.uf2";

    /// <summary>The full path of <paramref name="kind"/>'s image.</summary>
    public string PathOf(FirmwareKind kind) => Path.Combine(Directory, kind switch
    {
        FirmwareKind.Default => DefaultFile,
        FirmwareKind.PulseCount => PulseCountFile,
        FirmwareKind.Variance => VarianceFile,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown firmware"),
    });
}
