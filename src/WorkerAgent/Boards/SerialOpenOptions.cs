namespace IceFarm.WorkerAgent.Boards;

/// <summary>How to open a board's serial port.</summary>
/// <param name="BaudRate">Line coding to apply on open. 1200 reboots the board into BOOTSEL when it differs from the current coding.</param>
/// <param name="DtrEnable">Assert DTR after opening; the firmwares stay silent without it (hardware.md §5.1).</param>
internal sealed record SerialOpenOptions(int BaudRate, bool DtrEnable);
