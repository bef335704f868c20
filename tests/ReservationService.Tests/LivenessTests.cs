using System.Net.Http.Json;
using IceFarm.Client;
using IceFarm.Client.Events;
using DeviceState = IceFarm.Contracts.Devices.DeviceState;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using IceFarm.ReservationService.Workers;
using IceFarm.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests;

public sealed class When_a_worker_goes_silent(LivenessClockHost service) : IClassFixture<LivenessClockHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task Its_boards_go_offline_the_client_is_told_and_the_reservation_ends_after_the_grace_period()
    {
        var serials = await service.AnnounceWorkerAsync("silent-worker", 1, kind: "variance");
        var (client, events, http) = await ConnectAsync("abandoned");
        await using (events)
        using (client)
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Amount: 1)).WaitAsync(Deadline);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            using var cts = new CancellationTokenSource(Deadline);
            await using var stream = events.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);

            service.Clock.Advance(TimeSpan.FromSeconds(16));
            var failed = await NextAsync(stream, StreamEventTypes.DeviceFailed);
            Assert.Equal(serials[0], failed.Data.GetProperty("serial").GetString());
            Assert.Contains("silent-worker", failed.Data.GetProperty("reason").GetString(), StringComparison.Ordinal);
            var device = await LoadAsync<DeviceView>(StreamIds.Device(serials[0]));
            Assert.Equal(DeviceState.Offline, device!.State);
            Assert.False((await LoadAsync<WorkerView>(StreamIds.Worker("silent-worker")))!.Online);

            service.Clock.Advance(TimeSpan.FromMinutes(2));
            var ended = await NextAsync(stream, StreamEventTypes.ReservationEnded);
            Assert.Equal(reservation.Id, ended.Data.GetProperty("reservationId").GetGuid());
            Assert.Equal("worker-lost", ended.Data.GetProperty("reason").GetString());
            // Offline, not forgotten: the board is still known, with the reason.
            var after = await LoadAsync<DeviceView>(StreamIds.Device(serials[0]));
            Assert.Equal(DeviceState.Offline, after!.State);
            Assert.Null(await LoadAsync<FarmData.Reservations.BoardHolder>(serials[0]));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_worker_that_returns_within_the_grace_period_is_online_again_and_keeps_its_reservations()
    {
        var serials = await service.AnnounceWorkerAsync("flaky-worker", 1, kind: "pulsecount");
        var (client, events, http) = await ConnectAsync("lucky");
        await using (events)
        using (client)
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            using var cts = new CancellationTokenSource(Deadline);
            await using var stream = events.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);
            service.Clock.Advance(TimeSpan.FromSeconds(16));
            await NextAsync(stream, StreamEventTypes.DeviceFailed);

            await service.AnnounceWorkerAsync("flaky-worker", 1, kind: "pulsecount", expectAvailable: false);
            await Eventually.WaitForAsync(async ct => await LoadAsync<WorkerView>(StreamIds.Worker("flaky-worker")) is { Online: true } w ? w : null,
                Deadline, "flaky-worker back online");

            var still = await http.GetFromJsonAsync<ReservationResponse>($"api/v1/reservations/{reservation.Id}").WaitAsync(Deadline);
            Assert.Equal(serials[0], still!.Devices.Single().Serial);
            Assert.Single((await http.GetFromJsonAsync<ReservationResponse[]>("api/v1/reservations"))!);
        }
    }

    private async Task<(FarmClient Client, FarmEventStream Events, HttpClient Http)> ConnectAsync(string name)
    {
        var (http, _) = await service.NewClientAsync(name);
        var client = new FarmClient(new FarmClientOptions { BaseAddress = service.BaseAddress, Token = http.DefaultRequestHeaders.Authorization!.Parameter! });
        return (client, await client.OpenEventsAsync(null).WaitAsync(Deadline), http);
    }

    private async Task<T?> LoadAsync<T>(string id)
        where T : class
    {
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<T>(id);
    }

    private static async Task<FarmEvent> NextAsync(IAsyncEnumerator<FarmEvent> stream, string type)
    {
        while (await stream.MoveNextAsync().AsTask().WaitAsync(Deadline))
        {
            if (stream.Current.Type == type)
            {
                return stream.Current;
            }
        }

        throw new InvalidOperationException($"The event stream ended before a {type} event.");
    }
}
