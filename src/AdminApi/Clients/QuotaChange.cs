using System.Globalization;
using IceFarm.AdminApi.Actions;
using IceFarm.Contracts.Http;

namespace IceFarm.AdminApi.Clients;

/// <summary>What setting a client's quotas came to: its usage under the new quotas, or why nothing changed.</summary>
internal sealed record QuotaChange(string ClientId, ClientUsage? Usage, ActionOutcome? Refusal)
{
    /// <summary>The sentence the panel shows.</summary>
    public string Message => Usage is { Quota: var q }
        ? $"Quotas of {ClientId} saved: at most {q.MaxBoards} boards, {q.MaxReservations} reservations and {q.MaxWaiting} waiting requests, "
            + (q.MaxBoardHoursPerDay is { } hours ? $"{hours.ToString("0.###", CultureInfo.InvariantCulture)} board-hours a day" : "no daily limit")
            + $"; priority {q.Priority}."
        : Refusal!.Detail;

    public static QuotaChange Refused(string clientId, ActionOutcome refusal) => new(clientId, null, refusal);
}
