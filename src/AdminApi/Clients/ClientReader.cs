using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Clients;
using IceFarm.FarmData.Reservations;
using Marten;

namespace IceFarm.AdminApi.Clients;

/// <summary>Clients and their reservations, from the client documents and the reservation projection.</summary>
internal sealed class ClientReader(IDocumentStore store)
{
    public async Task<ClientInfo[]> ClientsAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var accounts = await session.Query<ClientAccount>().ToListAsync(ct);
        var active = await session.Query<ReservationView>().Where(r => r.Active).ToListAsync(ct);
        var byClient = active.GroupBy(r => r.ClientId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return [.. accounts.OrderBy(a => a.Id, StringComparer.Ordinal).Select(a =>
        {
            var held = byClient.GetValueOrDefault(a.Id) ?? [];
            return new ClientInfo(a.Id, a.Name, a.CreatedAt, a.CreatedBy, held.Count,
                held.Sum(r => r.Devices.Count(d => d.State != ReservationDeviceState.Released)));
        })];
    }

    /// <summary>The client's reservations, active first, newest first; null when no such client was ever issued.</summary>
    public async Task<ClientReservationInfo[]?> ReservationsAsync(string clientId, bool activeOnly, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        if (await session.LoadAsync<ClientAccount>(clientId, ct) is null)
        {
            return null;
        }

        var query = session.Query<ReservationView>().Where(r => r.ClientId == clientId);
        if (activeOnly)
        {
            query = query.Where(r => r.Active);
        }

        var reservations = await query.ToListAsync(ct);
        var keepAlives = await KeepAlives.LoadAsync(session, reservations.Where(r => r.Active), ct);
        return [.. reservations.OrderByDescending(r => r.Active).ThenByDescending(r => r.GrantedAt).Select(r => new ClientReservationInfo(
            r.ReservationId, r.ClientId, r.Kind, r.Active, r.GrantedAt, r.ExpiresAt, r.EndReason?.ToString(),
            [.. r.Devices.Select(d => new ReservedDevice(d.Serial, d.Worker, d.State.ToString().ToLowerInvariant()))],
            r.KeepAlive is { } ttl ? System.Xml.XmlConvert.ToString(ttl) : null,
            KeepAlives.RenewedAt(r, keepAlives.GetValueOrDefault(r.Id))))];
    }
}
