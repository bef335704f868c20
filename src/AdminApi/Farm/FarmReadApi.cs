using IceFarm.AdminApi.History;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceFarm.AdminApi.Farm;

/// <summary>Read side of the admin API: workers, devices, availability and device history, straight from the store.</summary>
internal static class FarmReadApi
{
    private const int HistoryLimit = 500;

    public static IEndpointRouteBuilder MapFarmReads(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").RequireAuthorization(FarmClaims.ViewerPolicy).WithTags("Farm");
        group.MapGet("/workers", WorkersAsync).WithSummary("Every worker with liveness and device counts per state.");
        group.MapGet("/workers/{name}/devices", WorkerDevicesAsync).WithSummary("The boards of one worker.")
            .Produces<DeviceInfo[]>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/workers/{name}/drain", DrainAsync).WithSummary("Progress of the worker's last drain.");
        group.MapGet("/devices", DevicesAsync).WithSummary("Every board joined with its reservation; filters: worker, state, client.")
            .Produces<DeviceInfo[]>().ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/devices/{serial}/history", HistoryAsync).WithSummary("The board's events, newest first.");
        group.MapGet("/availability", AvailabilityAsync).WithSummary("Board counts per kind and per state.");
        return app;
    }

    private static async Task<Ok<WorkerInfo[]>> WorkersAsync(FarmReader farm, CancellationToken ct) =>
        TypedResults.Ok(await farm.WorkersAsync(ct));

    private static async Task WorkerDevicesAsync(string name, HttpContext http, FarmReader farm, CancellationToken ct)
    {
        if (!await farm.WorkerExistsAsync(name, ct))
        {
            await Problems.NotFound($"No worker is named '{name}'.").ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        await farm.WriteDevicesAsync(DeviceFilter.None with { Worker = name }, http.Response.Body, ct);
    }

    private static async Task<Results<Ok<WorkerDrainInfo>, ProblemHttpResult>> DrainAsync(string name, FarmReader farm, CancellationToken ct) =>
        await farm.DrainAsync(name, ct) is { } drain
            ? TypedResults.Ok(drain)
            : Problems.NotFound(await farm.WorkerExistsAsync(name, ct) ? $"Worker '{name}' was never drained." : $"No worker is named '{name}'.");

    private static async Task DevicesAsync(string? worker, string? state, string? client, HttpContext http, FarmReader farm, CancellationToken ct)
    {
        var (filter, error) = DeviceFilter.Parse(worker, state, client);
        if (filter is null)
        {
            await Problems.BadRequest(error!).ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        await farm.WriteDevicesAsync(filter, http.Response.Body, ct);
    }

    private static async Task<Results<Ok<DeviceHistoryEntry[]>, ProblemHttpResult>> HistoryAsync(
        string serial, DeviceHistoryReader history, CancellationToken ct) =>
        await history.ReadAsync(serial, HistoryLimit, ct) is { } entries
            ? TypedResults.Ok(entries)
            : Problems.NotFound($"No board has serial '{serial}'.");

    private static async Task<Ok<FarmAvailability>> AvailabilityAsync(FarmReader farm, CancellationToken ct) =>
        TypedResults.Ok(await farm.AvailabilityAsync(ct));
}
