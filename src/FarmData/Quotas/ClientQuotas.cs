using IceFarm.Contracts.Http;
using IceFarm.FarmData.Clients;
using IceFarm.FarmData.Queue;
using IceFarm.FarmData.Reservations;
using Marten;
using Microsoft.Extensions.Options;

namespace IceFarm.FarmData.Quotas;

/// <summary>A client's usage and quotas, read from the store in one round trip (two with a daily quota).</summary>
internal sealed class ClientQuotas(IDocumentStore store, TimeProvider time, IOptions<QuotaOptions> defaults)
{
    public static readonly TimeSpan Day = TimeSpan.FromHours(24);

    /// <summary>Null when no such client exists.</summary>
    public async Task<ClientUsage?> UsageAsync(string clientId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var batch = session.CreateBatchQuery();
        var account = batch.Load<ClientAccount>(clientId);
        var active = batch.Query<ReservationView>().Where(r => r.ClientId == clientId && r.Active).ToList();
        var waiting = batch.Query<QueuedRequest>().Where(r => r.ClientId == clientId && r.State == QueueState.Waiting).Count();
        await batch.Execute(ct);
        return await account is { } found ? await UsageAsync(clientId, found, await active, (int)await waiting, session, ct) : null;
    }

    /// <summary>The usage from what the caller already read (the allocator reads it with the boards); the daily sum is read only when limited.</summary>
    public async Task<ClientUsage> UsageAsync(
        string clientId, ClientAccount? account, IReadOnlyList<ReservationView> active, int waitingCount, IQuerySession session, CancellationToken ct)
    {
        var quota = ClientQuota.InForce(account?.Quota, defaults.Value);
        var held = active.Sum(r => r.Devices.Count(d => d.State != ReservationDeviceState.Released));
        var today = 0.0;
        if (quota.MaxBoardHoursPerDay is not null)
        {
            var since = time.GetUtcNow() - Day;
            today = (await session.Query<ReservationView>().Where(r => r.ClientId == clientId && r.GrantedAt >= since).Select(r => r.BoardHours).ToListAsync(ct)).Sum();
        }

        return new ClientUsage(clientId, held, active.Count, waitingCount, today, quota);
    }
}
