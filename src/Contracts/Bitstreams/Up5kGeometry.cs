namespace IceFarm.Contracts.Bitstreams;

/// <summary>
/// The UP5K's configuration memory as icepack lays it out (hardware.md §4.2); the generator writes it
/// and the validator insists on it, so both read the numbers from here.
/// </summary>
internal static class Up5kGeometry
{
    public const int BankCount = 4;
    public const int CramWidth = 692;

    // The UP5K's odd banks are half height + 8; icepack's chip table calls 692×336 "5k".
    public const int EvenCramHeight = 336;
    public const int OddCramHeight = 176;

    public const int BramChunkHeight = 128;
    public const int BramChunksPerBank = 2;
    public const int EvenBramWidth = 160;
    public const int OddBramWidth = 80;

    /// <summary>Size of an icepack <c>-n</c> bitstream (no BRAM initialisation): a common near miss.</summary>
    public const int SizeWithoutBram = 88_698;

    /// <summary>The feature word icepack writes by default: warm boot enabled.</summary>
    public const int FeatureWarmBoot = 0x0020;

    public static int CramHeight(int bank) => bank % 2 == 0 ? EvenCramHeight : OddCramHeight;

    public static int BramWidth(int bank) => bank % 2 == 0 ? EvenBramWidth : OddBramWidth;

    public static int CramBytes(int bank) => CramWidth * CramHeight(bank) / 8;

    public static int BramChunkBytes(int bank) => BramWidth(bank) * BramChunkHeight / 8;

    /// <summary>The iCE40 family member a CRAM width belongs to (icepack's chip detection table).</summary>
    public static string DeviceForCramWidth(long width) => width switch
    {
        182 => "an iCE40 LP384",
        332 => "an iCE40 HX1K/LP1K",
        872 => "an iCE40 HX4K/HX8K/LP8K",
        CramWidth => "an iCE40 UP5K/UP3K",
        _ => "no known iCE40",
    };
}
