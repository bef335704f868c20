namespace IceFarm.Contracts.Bitstreams;

/// <summary>Finds where the command stream starts: after the optional comment and the preamble.</summary>
internal static class Up5kHeader
{
    // Lattice tools write a few tool/version strings; anything longer is not a comment.
    private const int MaxCommentLength = 4096;

    /// <summary>The offset just past the preamble, or the error that prevents finding it.</summary>
    public static int FindCommandStream(ReadOnlySpan<byte> bytes, out string? error)
    {
        var preambleAt = 0;

        // icepack writes the empty comment FF 00 00 FF; the strings inside never contain FF.
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0x00)
        {
            var end = bytes[2..Math.Min(bytes.Length, MaxCommentLength)].IndexOf([(byte)0x00, (byte)0xFF]);
            if (end < 0)
            {
                error = Up5kErrors.UnterminatedComment(MaxCommentLength);
                return 0;
            }

            preambleAt = 2 + end + 2;
        }

        if (!bytes[preambleAt..].StartsWith(Up5kCommand.Preamble))
        {
            error = Up5kErrors.MissingPreamble(preambleAt);
            return preambleAt;
        }

        error = null;
        return preambleAt + Up5kCommand.Preamble.Length;
    }
}
