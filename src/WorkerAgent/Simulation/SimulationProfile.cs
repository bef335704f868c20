namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// Every timing of the simulated board in one place (hardware.md §8.3), so tests and demos can run
/// the same model faster and a calibration on a real board changes only this file.
/// </summary>
internal sealed record SimulationProfile
{
    /// <summary>The numbers of hardware.md §8.3.</summary>
    public static SimulationProfile Realistic { get; } = new();

    /// <summary>
    /// Everything fifty times faster (pulse window 20 ms), except the transfer watchdog, which keeps
    /// 5× the window instead of 2× so that thread-pool hiccups on a loaded CI machine running in real
    /// time do not cut a transfer that is still in flight.
    /// </summary>
    public static SimulationProfile Fast { get; } = new()
    {
        Name = "fast",
        TouchToRemove = TimeSpan.FromMilliseconds(1),
        RemoveToBootsel = TimeSpan.FromMilliseconds(12),
        BootselToVolume = TimeSpan.FromMilliseconds(26),
        Uf2BytesPerSecond = 6_000_000,
        LastBlockToReboot = TimeSpan.FromMilliseconds(10),
        RebootToApplication = TimeSpan.FromMilliseconds(10),
        ApplicationToTty = TimeSpan.FromMilliseconds(1),
        BitstreamBytesPerSecond = 35_000_000,
        CramLoad = TimeSpan.FromMilliseconds(0.5),
        PulseWindow = TimeSpan.FromMilliseconds(20),
        VarianceSettle = TimeSpan.FromMilliseconds(2),
        VarianceSampleInterval = TimeSpan.FromMicroseconds(2),
        TransferWatchdog = TimeSpan.FromMilliseconds(100),
        DefaultFirmwareLinePeriod = TimeSpan.FromMilliseconds(1),
    };

    /// <summary>Profile name used in configuration.</summary>
    public string Name { get; init; } = "realistic";

    /// <summary>1200-baud request → USB disconnect (ROM reboot delay).</summary>
    public TimeSpan TouchToRemove { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>USB disconnect → BOOTSEL device enumerated.</summary>
    public TimeSpan RemoveToBootsel { get; init; } = TimeSpan.FromMilliseconds(600);

    /// <summary>BOOTSEL device → its partition usable (usb-storage delay_use + scan).</summary>
    public TimeSpan BootselToVolume { get; init; } = TimeSpan.FromMilliseconds(1300);

    /// <summary>UF2 write throughput.</summary>
    public double Uf2BytesPerSecond { get; init; } = 120_000;

    /// <summary>Last UF2 block → ROM reboots (fixed by the ROM).</summary>
    public TimeSpan LastBlockToReboot { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Reboot → application USB device enumerated.</summary>
    public TimeSpan RebootToApplication { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Application USB device → tty node usable (udev permissions).</summary>
    public TimeSpan ApplicationToTty { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Bitstream throughput over USB.</summary>
    public double BitstreamBytesPerSecond { get; init; } = 700_000;

    /// <summary>Relative spread of the bitstream throughput per transfer (0 = exact, for byte-exact tests).</summary>
    public double TransferJitter { get; init; } = 0.05;

    /// <summary>Whether the printed FPGA load phases vary slightly per load, as real measurements do.</summary>
    public bool FlashTimeJitter { get; init; } = true;

    /// <summary>Time the FPGA CRAM load takes (init + start + open + write + close).</summary>
    public TimeSpan CramLoad { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Pulse counting window; the reported count always stands for 1 s, as on the real board.</summary>
    public TimeSpan PulseWindow { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>Settling time before the variance firmware samples.</summary>
    public TimeSpan VarianceSettle { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Time per ADC sample (read + 100 µs sleep).</summary>
    public TimeSpan VarianceSampleInterval { get; init; } = TimeSpan.FromMicroseconds(102);

    /// <summary>Evaluation firmware's transfer watchdog, measured from the first byte.</summary>
    public TimeSpan TransferWatchdog { get; init; } = TimeSpan.FromMilliseconds(2000);

    /// <summary>Period of the default firmware's <c>default firmware</c> line.</summary>
    public TimeSpan DefaultFirmwareLinePeriod { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>The profile called <paramref name="name"/> (<c>fast</c> or <c>realistic</c>).</summary>
    public static SimulationProfile FromName(string name) => name.ToLowerInvariant() switch
    {
        "fast" => Fast,
        "realistic" => Realistic,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "expected 'fast' or 'realistic'"),
    };
}
