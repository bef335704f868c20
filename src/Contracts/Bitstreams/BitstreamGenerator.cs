namespace IceFarm.Contracts.Bitstreams;

/// <summary>Writes structurally valid 104,090-byte UP5K bitstreams that carry a <see cref="CircuitDesign"/>.</summary>
/// <remarks>
/// The layout is byte for byte what icepack emits for an UP5K (hardware.md §4.2), so the bitstream
/// passes the same checks a real one does. The design travels as a checksummed record at the start
/// of CRAM bank 0 (see <see cref="CircuitDesignReader"/>); the frequency is stored as iCEFARM's
/// 48 MHz clock divider, so the design read back reports <see cref="RealisedFrequencyHz"/>, not the
/// requested value. The rest of the CRAM is sparse pseudo-random data derived from the record, and
/// the BRAM is zero, as icepack writes it for a design that initialises no block RAM.
/// </remarks>
public static class BitstreamGenerator
{
    /// <summary>Generates the bitstream of a design; the same design always gives the same bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The frequency is not between about 0.0112 Hz and 48 MHz, the amplitude is outside 0–4095, or the shape is unknown.
    /// </exception>
    public static byte[] Generate(CircuitDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        var divider = ClockDivider.FromFrequency(design.FrequencyHz);
        ArgumentOutOfRangeException.ThrowIfNegative(design.Amplitude);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(design.Amplitude, DesignRecord.MaxAmplitude);
        if (!Enum.IsDefined(design.Shape))
        {
            throw new ArgumentOutOfRangeException(nameof(design), design.Shape, "Unknown wave shape.");
        }

        Span<byte> record = stackalloc byte[DesignRecord.Size];
        DesignRecord.Write(record, divider, design.Shape, design.Amplitude, design.Seed);

        var bytes = new byte[Ice40Bitstream.Up5kSize];
        var writer = new Up5kWriter(bytes);
        WriteHeader(writer);
        WriteCram(writer, record, new ConfigurationNoise(record));
        WriteBram(writer);
        writer.CrcCheck();
        writer.Command(Up5kCommand.Special, Up5kCommand.Wakeup, 1);
        writer.Raw([0x00]);

        if (writer.Position != Ice40Bitstream.Up5kSize)
        {
            throw new InvalidOperationException($"Generated {writer.Position:N0} bytes instead of {Ice40Bitstream.Up5kSize:N0}; the layout constants disagree.");
        }

        return bytes;
    }

    /// <summary>
    /// The frequency a circuit generated for <paramref name="frequencyHz"/> really produces, and what
    /// <see cref="CircuitDesignReader.TryRead(ReadOnlySpan{byte})"/> reports: 48 MHz / (int(48e6 / f − 1) + 1).
    /// </summary>
    /// <remarks>Exact for divisors of 48 MHz (2 kHz, 8 kHz, 32 kHz …); 7 MHz, for instance, becomes 8 MHz.</remarks>
    public static double RealisedFrequencyHz(double frequencyHz)
        => ClockDivider.ToFrequency(ClockDivider.FromFrequency(frequencyHz));

    private static void WriteHeader(Up5kWriter writer)
    {
        writer.Raw(Up5kCommand.EmptyComment);
        writer.Raw(Up5kCommand.Preamble);
        writer.Command(Up5kCommand.OscillatorRange, 0, 1);
        writer.ResetCrc();
        writer.Command(Up5kCommand.Features, Up5kGeometry.FeatureWarmBoot, 2);
        writer.Command(Up5kCommand.WidthMinusOne, Up5kGeometry.CramWidth - 1, 2);
        writer.Command(Up5kCommand.Offset, 0, 2);
    }

    private static void WriteCram(Up5kWriter writer, ReadOnlySpan<byte> record, ConfigurationNoise noise)
    {
        for (var bank = 0; bank < Up5kGeometry.BankCount; bank++)
        {
            writer.Command(Up5kCommand.Height, Up5kGeometry.CramHeight(bank), 2);
            writer.Command(Up5kCommand.SetBank, bank, 1);
            var data = writer.DataBlock(Up5kCommand.WriteCram, Up5kGeometry.CramBytes(bank));
            noise.FillSparse(data);
            if (bank == 0)
            {
                record.CopyTo(data);
            }
        }
    }

    private static void WriteBram(Up5kWriter writer)
    {
        writer.Command(Up5kCommand.Height, Up5kGeometry.BramChunkHeight, 2);
        for (var bank = 0; bank < Up5kGeometry.BankCount; bank++)
        {
            writer.Command(Up5kCommand.SetBank, bank, 1);
            for (var chunk = 0; chunk < Up5kGeometry.BramChunksPerBank; chunk++)
            {
                writer.Command(Up5kCommand.Offset, chunk * Up5kGeometry.BramChunkHeight, 2);
                writer.Command(Up5kCommand.WidthMinusOne, Up5kGeometry.BramWidth(bank) - 1, 2);
                writer.DataBlock(Up5kCommand.WriteBram, Up5kGeometry.BramChunkBytes(bank));
            }
        }
    }
}
