using IceFarm.Contracts.Devices;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>Load a reservation's firmware and wait for its ready line.</summary>
/// <param name="Message">The bus command.</param>
internal sealed record PrepareBoard(PrepareDevice Message) : BoardCommand;
