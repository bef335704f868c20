namespace IceFarm.WorkerAgent.Boards;

/// <summary>Where the firmware images come from.</summary>
internal interface IFirmwareCatalog
{
    /// <summary>The image of <paramref name="kind"/>.</summary>
    FirmwareImage Get(FirmwareKind kind);
}
