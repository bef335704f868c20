namespace IceFarm.Contracts.Bitstreams;

/// <summary>What walking a bitstream's command stream found: the first error, or where CRAM bank 0's data lies.</summary>
/// <param name="Error">The first problem, phrased for a user; null when the bitstream is structurally valid.</param>
/// <param name="Bank0Offset">File offset of CRAM bank 0's data block (valid only when <paramref name="Error"/> is null).</param>
/// <param name="Bank0Length">Length of that data block in bytes.</param>
internal readonly record struct Up5kWalkResult(string? Error, int Bank0Offset, int Bank0Length)
{
    public static Up5kWalkResult Fail(string error) => new(error, 0, 0);
}
