using IceFarm.Contracts.Evaluations;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>Run one bitstream on a serving board.</summary>
/// <param name="Message">The bus command.</param>
internal sealed record EvaluateOnBoard(EvaluateBitstream Message) : BoardCommand;
