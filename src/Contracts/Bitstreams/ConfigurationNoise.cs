namespace IceFarm.Contracts.Bitstreams;

/// <summary>
/// Deterministic filler for the CRAM around the design record. A generated bitstream should look like
/// a configured chip (sparse set bits everywhere, different for every design), not like zeros, so
/// hashes, compression and anything that eyeballs the data behave as with real bitstreams.
/// SplitMix64 is used because it is tiny, fast and fully specified, so the bytes never change with
/// the runtime's <see cref="Random"/> implementation.
/// </summary>
internal sealed class ConfigurationNoise
{
    private ulong _state;

    /// <summary>Seeds the filler from bytes that identify the design (its record).</summary>
    public ConfigurationNoise(ReadOnlySpan<byte> seedBytes)
    {
        // FNV-1a spreads every record byte over the 64-bit state.
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in seedBytes)
        {
            hash = (hash ^ b) * 0x100000001B3UL;
        }

        _state = hash;
    }

    /// <summary>Fills <paramref name="destination"/> with bits that are set about a quarter of the time.</summary>
    public void FillSparse(Span<byte> destination)
    {
        ulong bits = 0;
        for (var i = 0; i < destination.Length; i++)
        {
            if (i % 8 == 0)
            {
                bits = Next() & Next();
            }

            destination[i] = (byte)(bits >> (8 * (i % 8)));
        }
    }

    private ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
