using IceFarm.Contracts.Http;

namespace IceFarm.ReservationService.Quotas;

/// <summary>Whether a reserve fits a client's quotas: a pure function of its usage, its quotas and the request.</summary>
internal static class QuotaDecision
{
    /// <summary>The quota the request would exceed and why, or null when it fits.</summary>
    public static (string Quota, string Detail)? Exceeded(ClientUsage usage, int amount, TimeSpan duration, bool willWait)
    {
        var quota = usage.Quota;
        if (usage.BoardsHeld + amount > quota.MaxBoards)
        {
            return ("max-boards", $"Holding {usage.BoardsHeld} board(s), {amount} more would exceed the quota of {quota.MaxBoards}.");
        }

        if (usage.Reservations + 1 > quota.MaxReservations)
        {
            return ("max-reservations", $"{usage.Reservations} reservation(s) active: the quota is {quota.MaxReservations}.");
        }

        if (quota.MaxBoardHoursPerDay is { } daily && usage.BoardHoursToday + amount * duration.TotalHours > daily)
        {
            return ("max-board-hours-per-day",
                $"{usage.BoardHoursToday:0.##} board-hour(s) granted in the last 24 h; {amount} board(s) for {duration.TotalHours:0.##} h would exceed the quota of {daily:0.##}.");
        }

        if (willWait && usage.Waiting + 1 > quota.MaxWaiting)
        {
            return ("max-waiting", $"{usage.Waiting} request(s) already waiting: the quota is {quota.MaxWaiting}.");
        }

        return null;
    }
}
