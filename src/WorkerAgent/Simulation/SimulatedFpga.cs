using System.Buffers.Binary;
using System.Security.Cryptography;
using IceFarm.Contracts.Bitstreams;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>The simulated iCE40UP5K: configures only from a structurally valid bitstream (hardware.md §8.4).</summary>
internal static class SimulatedFpga
{
    private const double LowestHashFrequencyHz = 1_000;
    private const uint HashFrequencySpanHz = 99_000;

    /// <summary>Loads <paramref name="bitstream"/> as the CRAM loader would.</summary>
    public static FpgaLoad Load(ReadOnlySpan<byte> bitstream)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bitstream, hash);
        var seed = BinaryPrimitives.ReadInt32LittleEndian(hash);
        var design = CircuitDesignReader.TryRead(bitstream, out var valid);
        if (!valid)
        {
            // The firmware cannot tell: the load "succeeds" and the FPGA simply does nothing.
            return new FpgaLoad(false, null, 0, seed);
        }

        var frequency = design?.FrequencyHz
            ?? LowestHashFrequencyHz + (BinaryPrimitives.ReadUInt32LittleEndian(hash[4..]) % HashFrequencySpanHz);
        return new FpgaLoad(true, design, frequency, seed);
    }
}
