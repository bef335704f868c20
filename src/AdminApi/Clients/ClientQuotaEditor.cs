using IceFarm.AdminApi.Actions;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Clients;
using IceFarm.FarmData.Quotas;
using Marten;

namespace IceFarm.AdminApi.Clients;

/// <summary>
/// Sets a client's quotas and priority (stored on its account; the ReservationService reads them on each reserve). The
/// REST API and the panel both go through here, so they validate and store alike.
/// </summary>
internal sealed class ClientQuotaEditor(IDocumentStore store, ClientQuotas quotas, TimeProvider time)
{
    public async Task<QuotaChange> SetAsync(string clientId, SetClientQuotaRequest request, string admin, CancellationToken ct)
    {
        if (ClientQuota.Invalid(request) is { } invalid)
        {
            return QuotaChange.Refused(clientId, ActionOutcome.Invalid(invalid));
        }

        await using (var session = store.LightweightSession())
        {
            if (await session.LoadAsync<ClientAccount>(clientId, ct) is not { } account)
            {
                return QuotaChange.Refused(clientId, ActionOutcome.NotFound($"No client has id '{clientId}'."));
            }

            account.Quota = new ClientQuota
            {
                MaxBoards = request.MaxBoards, MaxReservations = request.MaxReservations, MaxWaiting = request.MaxWaiting,
                MaxBoardHoursPerDay = request.MaxBoardHoursPerDay, Priority = request.Priority, SetBy = admin, SetAt = time.GetUtcNow(),
            };
            session.Store(account);
            await session.SaveChangesAsync(ct);
        }

        return new QuotaChange(clientId, await quotas.UsageAsync(clientId, ct), null);
    }

    /// <summary>The quotas an admin gave the client (null fields, or none: the farm's defaults); null when no such client exists.</summary>
    public async Task<(ClientQuota? Own, bool Exists)> OwnAsync(string clientId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var account = await session.LoadAsync<ClientAccount>(clientId, ct);
        return (account?.Quota, account is not null);
    }
}
