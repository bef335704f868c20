using IceFarm.Contracts.Bitstreams;
using Xunit;
using L = IceFarm.Contracts.Tests.Bitstreams.Up5kTestLayout;

namespace IceFarm.Contracts.Tests.Bitstreams;

public sealed class BitstreamValidatorTests
{
    private static readonly byte[] Valid = BitstreamGenerator.Generate(new CircuitDesign(8000, WaveShape.Square, 2000, 11));

    [Theory]
    [InlineData(2000, WaveShape.Square, 2000, 0)]
    [InlineData(32000, WaveShape.Sine, 4095, -1)]
    [InlineData(0.25, WaveShape.Noise, 0, 123456)]
    public void Generated_bitstreams_validate(double hz, WaveShape shape, int amplitude, int seed)
    {
        var result = BitstreamValidator.Validate(BitstreamGenerator.Generate(new CircuitDesign(hz, shape, amplitude, seed)));

        Assert.True(result.IsValid, result.Error);
        Assert.Null(result.Error);
    }

    [Fact]
    public void Validating_a_valid_bitstream_allocates_nothing()
    {
        BitstreamValidator.Validate(Valid);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            Assert.True(BitstreamValidator.Validate(Valid).IsValid);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_truncated_bitstream_is_rejected_by_size()
        => AssertInvalid(Valid[..^1], "expected 104,090 bytes, got 104,089 (truncated?");

    [Fact]
    public void An_extended_bitstream_is_rejected_by_size()
        => AssertInvalid([.. Valid, 0x00], "expected 104,090 bytes, got 104,091 (1 too many");

    [Fact]
    public void An_icepack_n_bitstream_is_recognised_by_its_size()
        => AssertInvalid(Valid[..88_698], "expected 104,090 bytes, got 88,698 (a bitstream built with icepack -n?");

    [Fact]
    public void An_empty_file_is_rejected()
        => AssertInvalid([], "expected 104,090 bytes, got an empty file");

    [Fact]
    public void A_broken_preamble_is_reported_at_offset_4()
        => AssertInvalid(L.With(Valid, 5, 0xAB), "missing preamble 7E AA 99 7E at offset 4");

    [Fact]
    public void A_file_of_zeros_has_no_preamble_at_offset_0()
        => AssertInvalid(new byte[L.Size], "missing preamble 7E AA 99 7E at offset 0");

    [Fact]
    public void An_unterminated_comment_is_reported()
    {
        var bytes = (byte[])Valid.Clone();
        bytes.AsSpan(2, 5000).Fill((byte)'x');

        AssertInvalid(bytes, "the comment section opened by FF 00 at offset 0 is not closed by 00 FF");
    }

    [Fact]
    public void An_unknown_opcode_is_reported_with_its_offset()
        => AssertInvalid(L.With(Valid, 8, 0x31), "unknown opcode 0x3 (command byte 0x31) at offset 8");

    [Fact]
    public void A_command_with_an_impossible_payload_length_is_reported()
        => AssertInvalid(L.With(Valid, 8, 0x55), "command byte 0x55 at offset 8 claims a 5-byte payload");

    [Fact]
    public void An_unknown_oscillator_range_is_reported()
        => AssertInvalid(L.With(Valid, 9, 0x07), "unknown oscillator range 7 at offset 8");

    [Fact]
    public void A_reboot_command_marks_a_multi_boot_image()
        => AssertInvalid(L.With(Valid, 10, 0x01, 0x08), "reboot command 01 08 at offset 10");

    [Fact]
    public void A_zero_byte_inside_the_command_stream_is_reported()
        => AssertInvalid(L.With(Valid, 8, 0x00), "unexpected zero byte in the command stream at offset 8");

    [Fact]
    public void The_CRAM_width_of_an_HX8K_is_not_an_UP5K()
        => AssertInvalid(L.With(Valid, 16, 0x03, 0x67), "CRAM width 872 is not an UP5K (692): this bitstream is for an iCE40 HX4K/HX8K/LP8K");

    [Fact]
    public void A_full_height_odd_bank_is_not_an_UP5K()
        => AssertInvalid(L.With(Valid, L.Bank1Section, 0x72, 0x01, 0x50), "CRAM bank 1 height 336 is not an UP5K's (176)");

    [Fact]
    public void A_CRAM_bank_beyond_3_is_reported()
        => AssertInvalid(L.With(Valid, L.Bank1Section + 4, 0x07), "CRAM data at offset 29099 targets bank 7, but an UP5K has banks 0-3");

    [Fact]
    public void A_CRAM_bank_written_twice_is_reported()
        => AssertInvalid(L.With(Valid, L.Bank1Section + 4, 0x00), "CRAM bank 0 is written a second time at offset 29099");

    [Fact]
    public void A_missing_CRAM_bank_is_reported()
    {
        // Turn bank 3's CRAM write into a BRAM write of the same size: the stream stays well formed.
        var bytes = L.Resign(L.With(Valid, L.Bank3Section + 6, 0x03));

        AssertInvalid(bytes, "CRAM bank 3 is never written");
    }

    [Fact]
    public void A_data_block_that_overruns_the_file_is_reported()
    {
        Assert.Equal(new byte[] { 0x62, 0x00, 0x4F }, Valid[L.LastBramWidth..(L.LastBramWidth + 3)]);

        AssertInvalid(L.With(Valid, L.LastBramWidth, 0x62, 0xFF, 0xFF), "data block overruns the file at offset 102802");
    }

    [Fact]
    public void A_data_block_without_its_00_00_terminator_is_reported()
        => AssertInvalid(L.With(Valid, L.Bank1Section - 2, 0x01), "data block at offset 28 is not followed by 00 00 at offset 29092");

    [Fact]
    public void A_data_block_of_zero_height_is_reported()
        => AssertInvalid(L.With(Valid, L.BramSection, 0x72, 0x00, 0x00), "data command at offset 88644 uses a 160x0-bit block");

    [Fact]
    public void A_flipped_data_bit_is_a_CRC_mismatch()
    {
        var bytes = (byte[])Valid.Clone();
        bytes[L.Bank2Section + 1000] ^= 0x10;

        AssertInvalid(bytes, "CRC mismatch at offset 104084");
    }

    [Fact]
    public void A_wrong_stored_CRC_is_a_CRC_mismatch_that_names_both_values()
    {
        var stored = (Valid[L.CrcCommand + 1] << 8) | Valid[L.CrcCommand + 2];
        var wrong = stored ^ 0x0100;

        AssertInvalid(
            L.With(Valid, L.CrcCommand + 1, (byte)(wrong >> 8), (byte)wrong),
            $"CRC mismatch at offset 104084: the file says 0x{wrong:X4}, its contents give 0x{stored:X4}");
    }

    [Fact]
    public void A_CRC_check_without_a_CRC_reset_is_reported()
        => AssertInvalid(L.With(Valid, 10, 0x10, 0x10), "CRC check at offset 104084 comes before any CRC reset 01 05");

    [Fact]
    public void A_CRC_check_with_a_one_byte_value_is_reported()
        => AssertInvalid(L.With(Valid, L.CrcCommand, 0x21), "CRC check command 0x21 at offset 104084 must carry a 2-byte value");

    [Fact]
    public void A_wakeup_that_does_not_follow_the_CRC_check_is_reported()
        => AssertInvalid(L.With(Valid, L.CrcCommand, 0x82), "wakeup command 01 06 at offset 104087 does not follow a CRC check");

    [Fact]
    public void A_missing_wakeup_is_reported()
        => AssertInvalid(L.With(Valid, L.Wakeup, 0x00, 0x00), "missing wakeup command 01 06 after the CRC check at offset 104084");

    [Fact]
    public void A_command_running_past_the_end_of_the_file_is_reported()
        => AssertInvalid(L.With(Valid, L.Wakeup, 0x01, 0x05, 0x62), "command 0x62 at offset 104089 runs past the end of the file");

    [Fact]
    public void Data_after_the_wakeup_is_reported()
        => AssertInvalid(L.With(Valid, L.Pad, 0x01), "unexpected data at offset 104089 after the wakeup command at offset 104087");

    private static void AssertInvalid(byte[] bitstream, string expected)
    {
        var result = BitstreamValidator.Validate(bitstream);

        Assert.False(result.IsValid);
        Assert.NotNull(result.Error);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
    }
}
