namespace IceFarm.Contracts.Http;

/// <summary>A client's quotas in force: its own where an admin set them, the farm's defaults otherwise.</summary>
/// <param name="MaxBoards">Most boards it may hold at once, over all its reservations.</param>
/// <param name="MaxReservations">Most reservations it may have active at once.</param>
/// <param name="MaxWaiting">Most requests it may have waiting in the queue at once.</param>
/// <param name="MaxBoardHoursPerDay">Most board-hours its reservations granted in the last 24 h may cover (each counted for the time it holds, or is due to hold, its boards); null: no limit.</param>
/// <param name="Priority">Its priority in the queue: higher is served first (by convention 10 interactive, 0 batch).</param>
public sealed record ClientQuotaInfo(int MaxBoards, int MaxReservations, int MaxWaiting, double? MaxBoardHoursPerDay, int Priority);
