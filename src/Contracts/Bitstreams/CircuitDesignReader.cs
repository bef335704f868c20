namespace IceFarm.Contracts.Bitstreams;

/// <summary>Reads back the design a generated bitstream carries, as the simulated FPGA does when it is configured.</summary>
public static class CircuitDesignReader
{
    /// <summary>The design embedded by <see cref="BitstreamGenerator"/>, or null for a bitstream that carries none.</summary>
    public static CircuitDesign? TryRead(ReadOnlySpan<byte> bitstream)
        => throw new NotImplementedException("being written");
}
