using IceFarm.Contracts.Http;
using IceFarm.ReservationService.Auth;
using IceFarm.ReservationService.Devices;
using IceFarm.ReservationService.Workers;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceFarm.AdminApi.Farm;

/// <summary>Read side of the admin API: workers and devices straight from the projections.</summary>
internal static class FarmReadApi
{
    public static IEndpointRouteBuilder MapFarmReads(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").RequireAuthorization(FarmClaims.AdminPolicy).WithTags("Farm");
        group.MapGet("/workers", WorkersAsync);
        group.MapGet("/devices", DevicesAsync);
        return app;
    }

    private static async Task<Ok<WorkerInfo[]>> WorkersAsync(IQuerySession session, CancellationToken ct)
    {
        var workers = await session.Query<WorkerView>().ToListAsync(ct);
        var liveness = (await session.Query<WorkerLiveness>().ToListAsync(ct)).ToDictionary(l => l.Id, StringComparer.Ordinal);
        var devices = await session.Query<DeviceView>().ToListAsync(ct);
        var countsByWorker = devices.GroupBy(d => d.Worker, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.GroupBy(d => d.State.ToString()).ToDictionary(s => s.Key, s => s.Count()), StringComparer.Ordinal);
        return TypedResults.Ok(workers.OrderBy(w => w.Name, StringComparer.Ordinal).Select(w => new WorkerInfo(
            w.Name, w.Host, w.Version, w.Kinds, w.Online, w.Draining,
            liveness.GetValueOrDefault(w.Id)?.LastHeartbeat,
            countsByWorker.GetValueOrDefault(w.Name) ?? new Dictionary<string, int>())).ToArray());
    }

    private static async Task<Ok<DeviceInfo[]>> DevicesAsync(IQuerySession session, CancellationToken ct)
    {
        var devices = await session.Query<DeviceView>().ToListAsync(ct);
        return TypedResults.Ok(devices.OrderBy(d => d.Worker, StringComparer.Ordinal).ThenBy(d => d.Serial, StringComparer.Ordinal)
            .Select(d => new DeviceInfo(d.Serial, d.Worker, d.State.ToString(), d.Health.ToString(), d.Reason, d.ClientId, d.ReservationId, d.Kind, d.ExpiresAt))
            .ToArray());
    }
}
