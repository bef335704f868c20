namespace IceFarm.WorkerAgent.Boards;

/// <summary>A firmware image ready to be written to a board in BOOTSEL.</summary>
/// <param name="Kind">Which firmware it is.</param>
/// <param name="Name">File name, for logs and reasons.</param>
/// <param name="Uf2">The UF2 file's bytes (512-byte blocks).</param>
internal sealed record FirmwareImage(FirmwareKind Kind, string Name, ReadOnlyMemory<byte> Uf2);
