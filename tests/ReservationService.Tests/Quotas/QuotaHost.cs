namespace IceFarm.ReservationService.Tests.Quotas;

/// <summary>Small default quotas, and a strict queue (every waiter protected at once), to reach each limit with few boards.</summary>
public sealed class QuotaHost : ReservationServiceHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Quotas:MaxBoards"] = "2",
        ["Quotas:MaxReservations"] = "2",
        ["Quotas:MaxWaiting"] = "1",
        ["Quotas:MaxBoardHoursPerDay"] = "3",
        ["Queue:BackfillWindow"] = "00:00:00",
    };
}
