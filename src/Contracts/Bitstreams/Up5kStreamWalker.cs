namespace IceFarm.Contracts.Bitstreams;

/// <summary>
/// Walks an UP5K bitstream's command stream once, applying the cheap checks of hardware.md §4.4 in
/// file order so the first error reported is the first thing wrong. A ref struct because it holds the
/// span being walked; no allocation happens unless an error message is built.
/// </summary>
internal ref struct Up5kStreamWalker
{
    private readonly ReadOnlySpan<byte> _bytes;
    private int _position;
    private long _width;
    private long _height;
    private long _bank;
    private int _crcStart = -1;
    private int _lastCrcCheck = -1;
    private bool _previousWasCrcCheck;
    private int _cramBanksSeen;
    private int _bank0Offset = -1;
    private int _bank0Length;

    private Up5kStreamWalker(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>Checks <paramref name="bytes"/> and locates CRAM bank 0's data.</summary>
    public static Up5kWalkResult Walk(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Ice40Bitstream.Up5kSize)
        {
            return Up5kWalkResult.Fail(Up5kErrors.WrongSize(bytes.Length));
        }

        var walker = new Up5kStreamWalker(bytes);
        return walker.Run();
    }

    private Up5kWalkResult Run()
    {
        _position = Up5kHeader.FindCommandStream(_bytes, out var error);
        while (error is null && _position < _bytes.Length)
        {
            var at = _position;
            var command = _bytes[_position++];
            if (command == 0x00)
            {
                // A zero byte is padding and may only run to the end of the file.
                return _bytes[at..].ContainsAnyExcept((byte)0)
                    ? Up5kWalkResult.Fail(Up5kErrors.StrayZero(at))
                    : Up5kWalkResult.Fail(Up5kErrors.MissingWakeup(_lastCrcCheck, at));
            }

            var length = command & 0x0F;
            if (length > 4)
            {
                return Up5kWalkResult.Fail(Up5kErrors.LongPayload(command, at));
            }

            if (_position + length > _bytes.Length)
            {
                return Up5kWalkResult.Fail(Up5kErrors.CommandOverrun(command, at));
            }

            long payload = 0;
            foreach (var b in _bytes.Slice(_position, length))
            {
                payload = (payload << 8) | b;
            }

            _position += length;
            var previousWasCrcCheck = _previousWasCrcCheck;
            _previousWasCrcCheck = false;
            switch (command >> 4)
            {
                case Up5kCommand.Special when payload == Up5kCommand.Wakeup:
                    return Wakeup(at, previousWasCrcCheck);
                case Up5kCommand.Special:
                    error = Special(payload, at);
                    break;
                case Up5kCommand.SetBank:
                    _bank = payload;
                    break;
                case Up5kCommand.CrcCheck:
                    error = CheckCrc(command, payload, at);
                    break;
                case Up5kCommand.BootAddress or Up5kCommand.Features:
                    // Neither changes how the data is laid out, so the cheap check lets them be.
                    break;
                case Up5kCommand.OscillatorRange:
                    error = payload <= 2 ? null : Up5kErrors.OscillatorRange(payload, at);
                    break;
                case Up5kCommand.WidthMinusOne:
                    _width = payload + 1;
                    break;
                case Up5kCommand.Height:
                    _height = payload;
                    break;
                case Up5kCommand.Offset:
                    // Offsets only select rows inside a bank; sizes never depend on them.
                    break;
                default:
                    error = Up5kErrors.UnknownOpcode(command, at);
                    break;
            }
        }

        return Up5kWalkResult.Fail(error ?? Up5kErrors.MissingWakeup(_lastCrcCheck, _bytes.Length));
    }

    private string? Special(long payload, int at) => payload switch
    {
        Up5kCommand.WriteCram => DataBlock(isCram: true, at),
        Up5kCommand.WriteBram => DataBlock(isCram: false, at),
        Up5kCommand.ResetCrc => ResetCrc(),
        _ => Up5kErrors.UnknownSpecial(payload, at),
    };

    private string? ResetCrc()
    {
        _crcStart = _position;
        return null;
    }

    private string? DataBlock(bool isCram, int at)
    {
        if (isCram)
        {
            var geometryError = Up5kCramCheck.Check(_bank, _width, _height, _cramBanksSeen, at);
            if (geometryError is not null)
            {
                return geometryError;
            }
        }

        var bits = _width * _height;
        if (_width <= 0 || _height <= 0 || bits % 8 != 0)
        {
            return Up5kErrors.BadBlockShape(_width, _height, at);
        }

        var length = bits / 8;
        if (_position + length + 2 > _bytes.Length)
        {
            return Up5kErrors.DataOverrun(_position, length, _bytes.Length - _position);
        }

        var end = _position + (int)length;
        if (_bytes[end] != 0 || _bytes[end + 1] != 0)
        {
            return Up5kErrors.MissingTerminator(_position, end);
        }

        if (isCram)
        {
            _cramBanksSeen |= 1 << (int)_bank;
            if (_bank == 0)
            {
                (_bank0Offset, _bank0Length) = (_position, (int)length);
            }
        }

        _position = end + 2;
        return null;
    }

    private string? CheckCrc(byte command, long stored, int at)
    {
        if ((command & 0x0F) != 2)
        {
            return Up5kErrors.CrcPayload(command, at);
        }

        if (_crcStart < 0)
        {
            return Up5kErrors.CrcWithoutReset(at);
        }

        // The CRC runs over everything since the reset, including the 22 byte and the stored value.
        var residue = Crc16Ccitt.Compute(_bytes[_crcStart.._position]);
        if (residue != 0)
        {
            var computed = Crc16Ccitt.Compute(_bytes[_crcStart..(at + 1)]);
            return Up5kErrors.CrcMismatch(at, (ushort)stored, computed);
        }

        _lastCrcCheck = at;
        _previousWasCrcCheck = true;
        return null;
    }

    private readonly Up5kWalkResult Wakeup(int at, bool previousWasCrcCheck)
    {
        if (!previousWasCrcCheck)
        {
            return Up5kWalkResult.Fail(Up5kErrors.WakeupWithoutCrc(at));
        }

        for (var bank = 0; bank < Up5kGeometry.BankCount; bank++)
        {
            if ((_cramBanksSeen & (1 << bank)) == 0)
            {
                return Up5kWalkResult.Fail(Up5kErrors.MissingBank(bank));
            }
        }

        var trailing = _bytes[_position..];
        var stray = trailing.IndexOfAnyExcept((byte)0);
        return stray >= 0
            ? Up5kWalkResult.Fail(Up5kErrors.DataAfterWakeup(at, _position + stray, trailing.Length))
            : new Up5kWalkResult(null, _bank0Offset, _bank0Length);
    }
}
