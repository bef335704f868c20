using IceFarm.Contracts.Bitstreams;
using Xunit;
using L = IceFarm.Contracts.Tests.Bitstreams.Up5kTestLayout;

namespace IceFarm.Contracts.Tests.Bitstreams;

public sealed class CircuitDesignReaderTests
{
    private const int RecordLength = 18;

    public static TheoryData<CircuitDesign, double> DesignsAndRealisedFrequencies => new()
    {
        // Divisors of 48 MHz come back exactly: iCEFARM's 2/8/32 kHz sample circuits.
        { new CircuitDesign(2000), 2000 },
        { new CircuitDesign(8000, WaveShape.Sine, 1234, 42), 8000 },
        { new CircuitDesign(32000, WaveShape.Noise, 4095, -7), 32000 },
        { new CircuitDesign(1, WaveShape.Square, 0, int.MaxValue), 1 },
        { new CircuitDesign(48_000_000, WaveShape.Sine, 1, int.MinValue), 48_000_000 },
        // Others come back as the real circuit's frequency: int(48e6/7000 − 1) = 6856 → 48e6/6857.
        { new CircuitDesign(7000, WaveShape.Noise, 600, 3), 48e6 / 6857 },
        // int(48e6/7e6 − 1) = 5 → 48e6/6 = 8 MHz: the quantisation a real board shows.
        { new CircuitDesign(7_000_000, WaveShape.Square, 2000, 0), 8_000_000 },
        { new CircuitDesign(0.5, WaveShape.Sine, 2048, 12345), 0.5 },
    };

    [Theory]
    [MemberData(nameof(DesignsAndRealisedFrequencies))]
    public void The_embedded_design_round_trips_with_the_frequency_the_circuit_really_produces(CircuitDesign design, double realised)
    {
        var read = CircuitDesignReader.TryRead(BitstreamGenerator.Generate(design));

        Assert.NotNull(read);
        Assert.Equal(design with { FrequencyHz = realised }, read);
        Assert.Equal(realised, BitstreamGenerator.RealisedFrequencyHz(design.FrequencyHz));
    }

    [Theory]
    [MemberData(nameof(DesignsAndRealisedFrequencies))]
    public void Regenerating_a_read_back_design_gives_the_same_bitstream(CircuitDesign design, double realised)
    {
        var bytes = BitstreamGenerator.Generate(design);
        var read = CircuitDesignReader.TryRead(bytes)!;

        Assert.Equal(realised, read.FrequencyHz);
        Assert.Equal(bytes, BitstreamGenerator.Generate(read));
    }

    [Fact]
    public void Every_single_bit_flip_in_the_design_record_is_detected_even_with_a_repaired_stream_CRC()
    {
        var original = BitstreamGenerator.Generate(new CircuitDesign(8000, WaveShape.Sine, 1000, 77));

        for (var bit = 0; bit < RecordLength * 8; bit++)
        {
            var bytes = (byte[])original.Clone();
            bytes[L.Bank0Data + (bit / 8)] ^= (byte)(1 << (bit % 8));
            L.Resign(bytes);

            Assert.True(BitstreamValidator.Validate(bytes).IsValid, $"bit {bit}: the repaired stream should validate");
            Assert.Null(CircuitDesignReader.TryRead(bytes));
        }
    }

    [Fact]
    public void A_flipped_record_bit_without_a_repaired_CRC_fails_validation_and_reads_nothing()
    {
        var bytes = BitstreamGenerator.Generate(new CircuitDesign(8000));
        bytes[L.Bank0Data + 7] ^= 0x01;

        Assert.Contains("CRC mismatch", BitstreamValidator.Validate(bytes).Error, StringComparison.Ordinal);
        Assert.Null(CircuitDesignReader.TryRead(bytes));
        Assert.Null(CircuitDesignReader.TryRead(bytes, out var valid));
        Assert.False(valid);
    }

    [Fact]
    public void Reading_in_one_walk_says_valid_exactly_when_the_validator_does()
    {
        var design = new CircuitDesign(8000, WaveShape.Sine, 1000, 77);
        var bytes = BitstreamGenerator.Generate(design);
        var damaged = (byte[])bytes.Clone();
        damaged[L.Bank0Data + 7] ^= 0x01;

        Assert.Equal(CircuitDesignReader.TryRead(bytes), CircuitDesignReader.TryRead(bytes, out var valid));
        Assert.True(valid);
        Assert.Null(CircuitDesignReader.TryRead(damaged, out var damagedValid));
        Assert.Equal(BitstreamValidator.Validate(damaged).IsValid, damagedValid);
    }

    [Fact]
    public void A_valid_bitstream_without_a_record_reads_as_no_design()
    {
        var bytes = BitstreamGenerator.Generate(new CircuitDesign(8000));
        bytes.AsSpan(L.Bank0Data, RecordLength).Clear();
        L.Resign(bytes);

        Assert.True(BitstreamValidator.Validate(bytes).IsValid);
        Assert.Null(CircuitDesignReader.TryRead(bytes));
    }

    [Fact]
    public void A_structurally_invalid_bitstream_reads_as_no_design_even_with_an_intact_record()
    {
        var bytes = BitstreamGenerator.Generate(new CircuitDesign(8000));
        bytes[L.Pad] = 0x01;

        Assert.False(BitstreamValidator.Validate(bytes).IsValid);
        Assert.Null(CircuitDesignReader.TryRead(bytes));
    }

    [Fact]
    public void Wrong_sizes_read_as_no_design()
    {
        var bytes = BitstreamGenerator.Generate(new CircuitDesign(8000));

        Assert.Null(CircuitDesignReader.TryRead(bytes.AsSpan(0, 88_698)));
        Assert.Null(CircuitDesignReader.TryRead([]));
    }

    [Fact]
    public void The_record_is_found_by_walking_the_commands_when_bank_0_is_not_written_first()
    {
        var design = new CircuitDesign(32000, WaveShape.Noise, 77, 5);
        var original = BitstreamGenerator.Generate(design);

        // Write bank 1 before bank 0; each bank section sets its own height, so the stream stays valid.
        var bank0 = original[21..L.Bank1Section];
        var bank1 = original[L.Bank1Section..L.Bank2Section];
        byte[] swapped = [.. original[..21], .. bank1, .. bank0, .. original[L.Bank2Section..]];
        L.Resign(swapped);

        Assert.NotEqual(original, swapped);
        Assert.True(BitstreamValidator.Validate(swapped).IsValid, BitstreamValidator.Validate(swapped).Error);
        Assert.Equal(design, CircuitDesignReader.TryRead(swapped));
    }

    [Fact]
    public void The_record_is_found_behind_a_comment_section()
    {
        var design = new CircuitDesign(2000, WaveShape.Sine, 900, 1);
        var bytes = BitstreamGenerator.Generate(design);

        // Trade the optional oscillator command (51 00) for a one-string comment: same size, preamble at 6.
        byte[] prefix = [0xFF, 0x00, (byte)'A', 0x00, 0x00, 0xFF, 0x7E, 0xAA, 0x99, 0x7E];
        prefix.CopyTo(bytes, 0);

        Assert.True(BitstreamValidator.Validate(bytes).IsValid, BitstreamValidator.Validate(bytes).Error);
        Assert.Equal(design, CircuitDesignReader.TryRead(bytes));
    }
}
