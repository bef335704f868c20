using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.Contracts.Workers;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using IceFarm.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static IceFarm.ReservationService.Tests.Drain.DrainProbe;

namespace IceFarm.ReservationService.Tests.Maintenance;

/// <summary>What the maintenance tests do to a running service: the AdminApi's commands, and a worker process starting.</summary>
internal static class MaintenanceProbe
{
    public static async Task SendAsync<T>(IServiceProvider services, T command)
        where T : class
    {
        var endpoint = await services.GetRequiredService<IBus>().GetSendEndpoint(AdminQueues.ReservationServiceAddress).WaitAsync(Deadline);
        await endpoint.Send(command).WaitAsync(Deadline);
    }

    /// <summary>A heartbeat from the process <paramref name="instance"/> of the worker, and waits until the service applied it.</summary>
    public static async Task HeartbeatAsync(IServiceProvider services, string worker, IReadOnlyList<string> serials, Guid instance)
    {
        await services.GetRequiredService<IBus>().Publish(new WorkerHeartbeat(worker, "test-1.0", ["pulsecount"],
            [.. serials.Select(s => new DeviceSummary(s, DeviceState.Available, DeviceHealth.Good, null, null))],
            Draining: false, SentAt: TimeProvider.System.GetUtcNow()) { InstanceId = instance }).WaitAsync(Deadline);
        await Eventually.WaitForAsync(async ct => await LoadAsync<WorkerLiveness>(services, StreamIds.Worker(worker), ct) is { } l && l.InstanceId == instance ? l : null,
            Deadline, $"the heartbeat of {worker} instance {instance}");
    }

    public static Task<WorkerView> WaitForWorkerAsync(IServiceProvider services, string worker, Func<WorkerView, bool> condition, string what) =>
        Eventually.WaitForAsync(async ct => await LoadAsync<WorkerView>(services, StreamIds.Worker(worker), ct) is { } view && condition(view) ? view : null,
            Deadline, $"{worker} {what}");

    public static async Task<HttpStatusCode> TryReserveAsync(HttpClient http, string serial)
    {
        using var response = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Serials: [serial])).WaitAsync(Deadline);
        return response.StatusCode;
    }
}
