namespace IceFarm.Contracts.Evaluations;

/// <summary>Command to a worker: load this bitstream on this board and measure it.</summary>
/// <param name="ReservationId">The reservation holding the board.</param>
/// <param name="ClientId">The client; echoed back in the result so it routes without a lookup.</param>
/// <param name="BatchId">The submission this evaluation belongs to.</param>
/// <param name="EvaluationId">Unique id of this evaluation; results are deduplicated on it.</param>
/// <param name="Serial">The board.</param>
/// <param name="Label">The caller's name for the bitstream (the uploaded file name).</param>
/// <param name="Bitstream">The raw iCE40UP5K bitstream (104,090 bytes, already validated).</param>
public sealed record EvaluateBitstream(
    Guid ReservationId,
    string ClientId,
    Guid BatchId,
    Guid EvaluationId,
    string Serial,
    string Label,
    byte[] Bitstream) : IMessage
{
    /// <inheritdoc />
    public int SchemaVersion { get; init; } = 1;
}
