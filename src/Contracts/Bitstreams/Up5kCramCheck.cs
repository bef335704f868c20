namespace IceFarm.Contracts.Bitstreams;

/// <summary>
/// The device check of hardware.md §4.4 step 4, made where it is decisive: at each CRAM data command,
/// because the width register is reused for BRAM and only its value at a CRAM write tells the chip.
/// </summary>
internal static class Up5kCramCheck
{
    /// <summary>Null when a CRAM write with this bank, width and height fits an UP5K; otherwise why not.</summary>
    public static string? Check(long bank, long width, long height, int banksSeen, int at)
    {
        if (bank is < 0 or >= Up5kGeometry.BankCount)
        {
            return Up5kErrors.NoSuchBank(bank, at);
        }

        if ((banksSeen & (1 << (int)bank)) != 0)
        {
            return Up5kErrors.BankTwice(bank, at);
        }

        if (width != Up5kGeometry.CramWidth)
        {
            return Up5kErrors.WrongWidth(width);
        }

        var expected = Up5kGeometry.CramHeight((int)bank);
        return height == expected ? null : Up5kErrors.WrongHeight(bank, height, expected);
    }
}
