namespace IceFarm.Contracts.Http;

/// <summary>One queued evaluation: a bitstream on a board.</summary>
/// <param name="Id">Evaluation id; its result or failure carries it.</param>
/// <param name="Label">The caller's name for the bitstream.</param>
/// <param name="Serial">The board it will run on.</param>
public sealed record AcceptedEvaluation(Guid Id, string Label, string Serial);
