namespace IceFarm.WorkerAgent.Boards;

/// <summary>Puts a firmware image on a board: touch → BOOTSEL → UF2 write → reboot → re-enumeration.</summary>
internal interface IFirmwareFlasher
{
    /// <summary>Flashes <paramref name="image"/> onto the board <paramref name="serial"/>, giving up at <paramref name="deadline"/>.</summary>
    Task<FlashResult> FlashAsync(string serial, FirmwareImage image, DateTimeOffset deadline, CancellationToken cancellationToken);
}
