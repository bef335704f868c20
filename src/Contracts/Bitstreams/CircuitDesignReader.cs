namespace IceFarm.Contracts.Bitstreams;

/// <summary>Reads back the design a generated bitstream carries, as the simulated FPGA does when it is configured.</summary>
public static class CircuitDesignReader
{
    /// <summary>The design embedded by <see cref="BitstreamGenerator"/>, or null for a bitstream that carries none.</summary>
    /// <remarks>
    /// Null as well when the bitstream fails <see cref="BitstreamValidator.Validate"/> (a real FPGA would
    /// stay unconfigured) or its design record is damaged. The record is found by walking the command
    /// stream to CRAM bank 0's data, not at a fixed offset, so a comment section does not move it out
    /// of reach. <see cref="CircuitDesign.FrequencyHz"/> is the frequency the circuit really produces,
    /// <see cref="BitstreamGenerator.RealisedFrequencyHz"/> of the requested one.
    /// </remarks>
    public static CircuitDesign? TryRead(ReadOnlySpan<byte> bitstream) => TryRead(bitstream, out _);

    /// <summary>
    /// As <see cref="TryRead(ReadOnlySpan{byte})"/>, and says in <paramref name="valid"/> what
    /// <see cref="BitstreamValidator.Validate"/> would: one walk of the command stream for both, which is what a
    /// simulated FPGA needs for every bitstream it is sent.
    /// </summary>
    public static CircuitDesign? TryRead(ReadOnlySpan<byte> bitstream, out bool valid)
    {
        var result = Up5kStreamWalker.Walk(bitstream);
        valid = result.Error is null;
        return valid ? DesignRecord.TryRead(bitstream.Slice(result.Bank0Offset, result.Bank0Length)) : null;
    }
}
