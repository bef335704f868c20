namespace IceFarm.WorkerAgent.Boards;

/// <summary>Bring a freshly discovered board to Available: default firmware, self-test.</summary>
internal sealed record StartBoard : BoardCommand;
