namespace IceFarm.Contracts.Bitstreams;

/// <summary>Facts about the iCE40UP5K bitstreams the evaluation firmwares accept (hardware.md §4).</summary>
public static class Ice40Bitstream
{
    /// <summary>Exact size of a full icepack UP5K bitstream; the firmware reads exactly this many bytes.</summary>
    public const int Up5kSize = 104_090;
}
