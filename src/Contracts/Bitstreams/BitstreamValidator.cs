namespace IceFarm.Contracts.Bitstreams;

/// <summary>Cheap structural validation of iCE40UP5K bitstreams (hardware.md §4.4).</summary>
public static class BitstreamValidator
{
    /// <summary>Checks size, preamble, command stream, UP5K geometry, CRC and wakeup.</summary>
    public static BitstreamValidation Validate(ReadOnlySpan<byte> bitstream)
        => throw new NotImplementedException("being written");
}
