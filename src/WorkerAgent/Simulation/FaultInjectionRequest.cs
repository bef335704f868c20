namespace IceFarm.WorkerAgent.Simulation;

/// <summary>Body of <c>POST /faults/boards/{serial}</c>: a <see cref="SimulatedFault"/> name, armed for the next <paramref name="Times"/> occasions or always.</summary>
/// <param name="Fault">A <see cref="SimulatedFault"/> name, e.g. <c>FirmwareHangs</c>, <c>GarbledResult</c>, <c>SlowClose</c>, <c>NoEnumeration</c>.</param>
/// <param name="Times">How many occasions it fires on (default 1).</param>
/// <param name="Always">Fires until cleared (<c>DELETE /faults/boards/{serial}/{fault}</c>); overrides <paramref name="Times"/>.</param>
internal sealed record FaultInjectionRequest(string Fault, int? Times = null, bool Always = false);
