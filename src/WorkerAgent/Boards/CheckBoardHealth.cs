namespace IceFarm.WorkerAgent.Boards;

/// <summary>Run the health check of an idle board whose check fell due (<see cref="BoardOptions.HealthCheckInterval"/>).</summary>
internal sealed record CheckBoardHealth : BoardCommand;
