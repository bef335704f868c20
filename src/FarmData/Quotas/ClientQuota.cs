using IceFarm.Contracts.Http;

namespace IceFarm.FarmData.Quotas;

/// <summary>An admin's quotas for one client, stored on its <see cref="Clients.ClientAccount"/>; null fields take the defaults.</summary>
internal sealed class ClientQuota
{
    public int? MaxBoards { get; set; }
    public int? MaxReservations { get; set; }
    public int? MaxWaiting { get; set; }
    public double? MaxBoardHoursPerDay { get; set; }
    public int? Priority { get; set; }
    public string? SetBy { get; set; }
    public DateTimeOffset? SetAt { get; set; }

    public static ClientQuotaInfo InForce(ClientQuota? own, QuotaOptions defaults) => new(
        own?.MaxBoards ?? defaults.MaxBoards,
        own?.MaxReservations ?? defaults.MaxReservations,
        own?.MaxWaiting ?? defaults.MaxWaiting,
        own?.MaxBoardHoursPerDay ?? defaults.MaxBoardHoursPerDay,
        own?.Priority ?? defaults.Priority);

    /// <summary>Why an admin's request is malformed, or null.</summary>
    public static string? Invalid(SetClientQuotaRequest request) => request switch
    {
        { MaxBoards: < 1 or > 10_000 } => "'maxBoards' must be between 1 and 10000.",
        { MaxReservations: < 1 or > 1_000 } => "'maxReservations' must be between 1 and 1000.",
        { MaxWaiting: < 0 or > 100 } => "'maxWaiting' must be between 0 and 100.",
        { MaxBoardHoursPerDay: { } hours } when !(hours > 0 && hours <= 10_000_000) => "'maxBoardHoursPerDay' must be positive (at most 10000000).",
        { Priority: < -100 or > 100 } => "'priority' must be between -100 and 100.",
        _ => null,
    };
}
