namespace IceFarm.Contracts.Bitstreams;

/// <summary>Writes structurally valid 104,090-byte UP5K bitstreams that carry a <see cref="CircuitDesign"/>.</summary>
public static class BitstreamGenerator
{
    /// <summary>Generates the bitstream of a design; the same design always gives the same bytes.</summary>
    public static byte[] Generate(CircuitDesign design)
        => throw new NotImplementedException("being written");
}
