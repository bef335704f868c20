using System.Net;
using System.Net.Http.Json;
using IceFarm.Client;
using DeviceState = IceFarm.Contracts.Devices.DeviceState;
using IceFarm.Client.Events;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.Workers;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests.Reconciliation;

/// <summary>ARCHITECTURE.md §11: each heartbeat is compared with the store, and a command the bus lost is sent again.</summary>
public sealed class When_a_heartbeat_disagrees_with_the_store(ReconciliationClockHost service) : IClassFixture<ReconciliationClockHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 120_000)]
    public async Task A_lost_PrepareDevice_is_sent_again_once_and_the_client_gets_device_ready()
    {
        await using var worker = await FakeWorker.StartAsync("heal-prepare", service.Services);
        var serial = await AnnounceAsync(worker, "7E0A10000001");
        var (http, _) = await service.NewClientAsync("healed");
        using var client = new FarmClient(new FarmClientOptions { BaseAddress = service.BaseAddress, Token = http.DefaultRequestHeaders.Authorization!.Parameter! });
        await using var events = await client.OpenEventsAsync(null).WaitAsync(Deadline);
        using var cts = new CancellationTokenSource(Deadline);
        await using var stream = events.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        using (http)
        {
            worker.LoseNextPrepare();
            var reservation = await ReserveAsync(http, serial);
            var lost = await worker.NextAsync<PrepareDevice>();
            Assert.Equal(reservation.Id, lost.ReservationId);

            // Still within the grace: the first PrepareDevice might be in flight, so nothing is sent again.
            await worker.HeartbeatAsync(Idle(serial));
            Assert.Null(await ResendOfAsync(serial));

            service.Clock.Advance(Grace + TimeSpan.FromSeconds(1));
            await worker.HeartbeatAsync(Idle(serial));
            var again = await worker.NextAsync<PrepareDevice>();
            Assert.Equal((lost.ReservationId, lost.ClientId, lost.Serial, lost.Kind), (again.ReservationId, again.ClientId, again.Serial, again.Kind));
            Assert.Equal(lost.Args, again.Args);
            var ready = await NextAsync(stream, StreamEventTypes.DeviceReady);
            Assert.Equal(reservation.Id, ready.Data.GetProperty("reservationId").GetGuid());
            Assert.Equal(serial, ready.Data.GetProperty("serial").GetString());
            var resend = (await ResendOfAsync(serial))!;
            Assert.Equal((HeartbeatReconciler.Prepare, reservation.Id, 1), (resend.Command, resend.ReservationId, resend.Count));

            // A worker slow to act on the re-sent command is given the grace again before another copy goes out.
            await worker.HeartbeatAsync(Idle(serial));
            Assert.Equal(1, (await ResendOfAsync(serial))!.Count);

            // Once the board and the store agree, nothing more is sent, however long they keep agreeing.
            service.Clock.Advance(Grace + TimeSpan.FromSeconds(1));
            await worker.HeartbeatAsync(new DeviceSummary(serial, DeviceState.Serving, DeviceHealth.Good, reservation.Id, "pulsecount"));
            service.Clock.Advance(Grace + TimeSpan.FromSeconds(1));
            await worker.HeartbeatAsync(new DeviceSummary(serial, DeviceState.Serving, DeviceHealth.Good, reservation.Id, "pulsecount"));
            Assert.Equal(1, (await ResendOfAsync(serial))!.Count);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_board_still_serving_an_ended_reservation_gets_ReleaseDevice_again_until_it_is_on_its_way()
    {
        await using var worker = await FakeWorker.StartAsync("heal-release", service.Services);
        var serial = await AnnounceAsync(worker, "7E0A20000001");
        var (http, _) = await service.NewClientAsync("leaver");
        using (http)
        {
            var reservation = await ReserveAsync(http, serial);
            await worker.NextAsync<PrepareDevice>();
            var serving = new DeviceSummary(serial, DeviceState.Serving, DeviceHealth.Good, reservation.Id, "pulsecount");
            await worker.HeartbeatAsync(serving);
            using (var end = await http.DeleteAsync($"api/v1/reservations/{reservation.Id}").WaitAsync(Deadline))
            {
                Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
            }

            // The worker loses the release: its heartbeats keep reporting the ended reservation.
            Assert.Equal(reservation.Id, (await worker.NextAsync<ReleaseDevice>()).ReservationId);
            await worker.HeartbeatAsync(serving);
            Assert.Null(await ResendOfAsync(serial));

            service.Clock.Advance(Grace + TimeSpan.FromSeconds(1));
            await worker.HeartbeatAsync(serving);
            var again = await worker.NextAsync<ReleaseDevice>();
            Assert.Equal((reservation.Id, serial), (again.ReservationId, again.Serial));
            Assert.Equal(HeartbeatReconciler.Release, (await ResendOfAsync(serial))!.Command);

            // Releasing still names the reservation, but the board is already leaving it: nothing more to send.
            service.Clock.Advance(Grace + TimeSpan.FromSeconds(1));
            await worker.HeartbeatAsync(serving with { State = DeviceState.Releasing });
            service.Clock.Advance(Grace + TimeSpan.FromSeconds(1));
            await worker.HeartbeatAsync(serving with { State = DeviceState.SelfTest });
            Assert.Equal(1, (await ResendOfAsync(serial))!.Count);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_lost_DeviceInitialized_is_recovered_by_asking_the_serving_board_again()
    {
        await using var worker = await FakeWorker.StartAsync("heal-ready", service.Services);
        var serial = await AnnounceAsync(worker, "7E0A30000001");
        var (http, _) = await service.NewClientAsync("unready");
        using var client = new FarmClient(new FarmClientOptions { BaseAddress = service.BaseAddress, Token = http.DefaultRequestHeaders.Authorization!.Parameter! });
        await using var events = await client.OpenEventsAsync(null).WaitAsync(Deadline);
        using var cts = new CancellationTokenSource(Deadline);
        await using var stream = events.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        using (http)
        {
            // The board prepared and serves, but its DeviceInitialized never reached the service.
            worker.LoseNextPrepare();
            var reservation = await ReserveAsync(http, serial);
            await worker.NextAsync<PrepareDevice>();
            var serving = new DeviceSummary(serial, DeviceState.Serving, DeviceHealth.Good, reservation.Id, "pulsecount");
            await worker.HeartbeatAsync(serving);
            Assert.Null(await ResendOfAsync(serial));

            service.Clock.Advance(Grace + TimeSpan.FromSeconds(1));
            await worker.HeartbeatAsync(serving);
            Assert.Equal(reservation.Id, (await worker.NextAsync<PrepareDevice>()).ReservationId);
            var ready = await NextAsync(stream, StreamEventTypes.DeviceReady);
            Assert.Equal(serial, ready.Data.GetProperty("serial").GetString());
            Assert.Contains("never heard it was ready", (await ResendOfAsync(serial))!.Reason, StringComparison.Ordinal);

            // Ready now: serving heartbeats agree and nothing more is sent.
            service.Clock.Advance(Grace + TimeSpan.FromSeconds(1));
            await worker.HeartbeatAsync(serving);
            Assert.Equal(1, (await ResendOfAsync(serial))!.Count);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_board_missing_from_its_workers_heartbeat_is_recorded_offline_and_no_longer_offered()
    {
        await using var worker = await FakeWorker.StartAsync("heal-ghost", service.Services);
        const string kept = "7E0A40000001", gone = "7E0A40000002";
        await worker.HeartbeatAsync(Idle(kept), Idle(gone));
        Assert.Equal(DeviceState.Available, (await DeviceAsync(gone))!.State);

        // The worker restarted without the board (unplugged while it was down): the board's Offline was never sent.
        await worker.HeartbeatAsync(Idle(kept));
        var ghost = (await DeviceAsync(gone))!;
        Assert.Equal(DeviceState.Offline, ghost.State);
        Assert.Contains("not in the heartbeat of heal-ghost", ghost.Reason, StringComparison.Ordinal);
        Assert.Equal(DeviceState.Available, (await DeviceAsync(kept))!.State);

        var (http, _) = await service.NewClientAsync("ghost-hunter");
        using (http)
        {
            using var refused = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Serials: [gone])).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }
    }

    private async Task<DeviceView?> DeviceAsync(string serial)
    {
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<DeviceView>(StreamIds.Device(serial)).WaitAsync(Deadline);
    }

    private static DeviceSummary Idle(string serial) => new(serial, DeviceState.Available, DeviceHealth.Good, null, null);

    private async Task<string> AnnounceAsync(FakeWorker worker, string serial)
    {
        await worker.HeartbeatAsync(Idle(serial));
        return serial;
    }

    private static async Task<ReservationResponse> ReserveAsync(HttpClient http, string serial)
    {
        using var response = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Serials: [serial])).WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReservationResponse>())!;
    }

    private async Task<BoardResend?> ResendOfAsync(string serial)
    {
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<BoardResend>(serial).WaitAsync(Deadline);
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
