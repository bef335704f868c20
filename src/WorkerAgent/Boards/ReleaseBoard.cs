using IceFarm.Contracts.Devices;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>Leave a reservation: default firmware, self-test, Available.</summary>
/// <param name="Message">The bus command.</param>
internal sealed record ReleaseBoard(ReleaseDevice Message) : BoardCommand;
