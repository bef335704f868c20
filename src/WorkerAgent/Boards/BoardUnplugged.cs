namespace IceFarm.WorkerAgent.Boards;

/// <summary>The board left USB for longer than a re-enumeration takes: Offline, its reservation dropped.</summary>
/// <param name="Reason">What the supervisor saw.</param>
internal sealed record BoardUnplugged(string Reason) : BoardCommand;
