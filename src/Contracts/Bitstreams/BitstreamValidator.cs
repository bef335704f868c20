namespace IceFarm.Contracts.Bitstreams;

/// <summary>Cheap structural validation of iCE40UP5K bitstreams (hardware.md §4.4).</summary>
/// <remarks>
/// Checks, in file order: size exactly 104,090 bytes (the iCEFARM firmware reads that many), the
/// optional comment and the 7E AA 99 7E preamble, every command against the opcode table, UP5K
/// CRAM geometry (width 692, bank heights 336/176/336/176), data blocks within the file and closed by
/// 00 00, CRC-16 residue 0 at the 22 check, and a wakeup 01 06 right after it. It cannot tell a
/// valid design that does nothing from a useful one. Runs in well under a millisecond and allocates
/// nothing for a valid bitstream.
/// </remarks>
public static class BitstreamValidator
{
    /// <summary>Checks size, preamble, command stream, UP5K geometry, CRC and wakeup.</summary>
    /// <returns><see cref="BitstreamValidation.Valid"/>, or the first problem found.</returns>
    public static BitstreamValidation Validate(ReadOnlySpan<byte> bitstream)
    {
        var result = Up5kStreamWalker.Walk(bitstream);
        return result.Error is null ? BitstreamValidation.Valid : BitstreamValidation.Invalid(result.Error);
    }
}
