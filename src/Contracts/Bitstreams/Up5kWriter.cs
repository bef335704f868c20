namespace IceFarm.Contracts.Bitstreams;

/// <summary>
/// Appends iCE40 configuration commands to a buffer the way icepack's <c>write_bits</c> does, and
/// remembers where the CRC was last reset so the <c>22</c> check can be computed over the same span
/// the FPGA checks.
/// </summary>
internal sealed class Up5kWriter(byte[] buffer)
{
    private int _crcStart = -1;

    public int Position { get; private set; }

    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.AsSpan(Position));
        Position += bytes.Length;
    }

    /// <summary>Writes a command whose payload is <paramref name="payloadBytes"/> big-endian bytes.</summary>
    public void Command(int opcode, int payload, int payloadBytes)
    {
        buffer[Position++] = (byte)((opcode << 4) | payloadBytes);
        for (var shift = 8 * (payloadBytes - 1); shift >= 0; shift -= 8)
        {
            buffer[Position++] = (byte)(payload >> shift);
        }
    }

    public void ResetCrc()
    {
        Command(Up5kCommand.Special, Up5kCommand.ResetCrc, 1);
        _crcStart = Position;
    }

    /// <summary>Writes a CRAM or BRAM data command and its terminator; returns the data for the caller to fill.</summary>
    public Span<byte> DataBlock(int kind, int length)
    {
        Command(Up5kCommand.Special, kind, 1);
        var data = buffer.AsSpan(Position, length);
        Position += length;
        Raw([0x00, 0x00]);
        return data;
    }

    /// <summary>Writes <c>22 crc_hi crc_lo</c>; the CRC covers the <c>22</c> byte itself, so the residue after it is 0.</summary>
    public void CrcCheck()
    {
        if (_crcStart < 0)
        {
            throw new InvalidOperationException("The CRC check needs a preceding CRC reset.");
        }

        buffer[Position++] = (Up5kCommand.CrcCheck << 4) | 2;
        var crc = Crc16Ccitt.Compute(buffer.AsSpan(_crcStart, Position - _crcStart));
        buffer[Position++] = (byte)(crc >> 8);
        buffer[Position++] = (byte)crc;
    }
}
