namespace IceFarm.WorkerAgent.Boards;

/// <summary>Deadlines and port settings of the board actors (configuration section <c>Boards</c>).</summary>
/// <remarks>
/// Defaults follow hardware.md §2.6 and §5.9 with head-room: a flash takes ~4–8 s on real boards, the
/// evaluation firmware reports within 2.5 s (transfer) + 1 s (window) + margin.
/// </remarks>
internal sealed class BoardOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Boards";

    /// <summary>Longest a flash (touch to re-enumerated firmware) may take.</summary>
    public TimeSpan FlashDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after a touch the board may stay up before it is touched again (within the flash deadline).</summary>
    public TimeSpan TouchRetryInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Attempts per flash (each with its own deadline) before the board is Broken: a cable glitch costs one.</summary>
    public int FlashAttempts { get; set; } = 2;

    /// <summary>How often the flasher looks for the board's next USB identity.</summary>
    public TimeSpan FlashPollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest the default firmware may take to print <c>default firmware</c> after the port opens.</summary>
    public TimeSpan SelfTestDeadline { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest the evaluation firmware may take to print its ready line after the port opens or after a result.</summary>
    public TimeSpan ReadyDeadline { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Longest from the first bitstream byte to the result line.</summary>
    public TimeSpan EvaluationDeadline { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// Silence required after the ready line before a bitstream goes out once a transfer went wrong
    /// (hardware.md §5.3): surplus bytes of the failed transfer start another one right after that line.
    /// </summary>
    public TimeSpan ResyncQuiet { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Line coding used for the protocol port; anything but 1200, which reboots the board.</summary>
    public int BaudRate { get; set; } = 115_200;

    /// <summary>Bytes per write while sending a bitstream (iCEFARM writes 512).</summary>
    public int WriteChunkSize { get; set; } = 512;

    /// <summary>Where sysfs and /dev are read from: <c>/</c> on a real host (a test or container may point elsewhere).</summary>
    public string SysfsRoot { get; set; } = "/";

    /// <summary>How often sysfs is rescanned when netlink uevents are unavailable.</summary>
    public TimeSpan HotplugPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest a port's close may block (cdc-acm may drain for 15–30 s) before it is left to finish aside.</summary>
    public TimeSpan CloseDeadline { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a board may be missing from USB before it is Offline; longer than a re-enumeration during a flash.</summary>
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a Broken board is tried again (default firmware, self-test).</summary>
    public TimeSpan BrokenRetryInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Evaluations after which a board gets a health check (its served firmware must boot and answer, then the default
    /// firmware) the next time it is between reservations. A board is also checked when first found and after Broken.
    /// </summary>
    public int HealthCheckEvery { get; set; } = 1000;

    /// <summary>Time after which a board gets a health check between reservations, also while it sits idle.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromHours(24);
}
