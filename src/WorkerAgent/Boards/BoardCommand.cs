namespace IceFarm.WorkerAgent.Boards;

/// <summary>Something a board's actor is asked to do; handled one at a time, in arrival order.</summary>
internal abstract record BoardCommand;
