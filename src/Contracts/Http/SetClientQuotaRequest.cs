namespace IceFarm.Contracts.Http;

/// <summary>An admin's quotas for one client (<c>PUT /api/admin/clients/{id}/quota</c>); a null field means the farm's default.</summary>
/// <param name="MaxBoards">Most boards held at once (1–10,000).</param>
/// <param name="MaxReservations">Most active reservations (1–1,000).</param>
/// <param name="MaxWaiting">Most waiting requests (0–100; 0: it may not queue).</param>
/// <param name="MaxBoardHoursPerDay">Most board-hours granted per 24 h (positive).</param>
/// <param name="Priority">Queue priority (−100 to 100).</param>
public sealed record SetClientQuotaRequest(int? MaxBoards = null, int? MaxReservations = null, int? MaxWaiting = null, double? MaxBoardHoursPerDay = null, int? Priority = null);
