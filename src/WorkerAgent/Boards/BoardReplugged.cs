namespace IceFarm.WorkerAgent.Boards;

/// <summary>An Offline board is back on USB (maybe on another port): rediscover it from scratch.</summary>
/// <param name="BusId">Where it came back.</param>
internal sealed record BoardReplugged(string? BusId) : BoardCommand;
