using System.Net.Http.Json;
using IceFarm.Client;
using IceFarm.Client.Events;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.Contracts.Workers;
using IceFarm.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using DeviceState = IceFarm.Contracts.Devices.DeviceState;

namespace IceFarm.ReservationService.Tests.FailedBoards;

/// <summary>
/// A reserved board that fails is replaced by a free healthy board of the same kind (<c>device-replaced</c> before
/// <c>device-failed</c>), unless the client opted out; the reservation goes on with the replacement. The test plays the worker.
/// </summary>
public sealed class When_a_reserved_board_fails_and_a_spare_is_free(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task A_spare_board_replaces_it_and_the_reservation_goes_on()
    {
        var serials = await service.AnnounceWorkerAsync("spare-worker", 2);
        var (http, clientId) = await service.NewClientAsync("replaced");
        using var client = new FarmClient(new FarmClientOptions { BaseAddress = service.BaseAddress, Token = http.DefaultRequestHeaders.Authorization!.Parameter! });
        await using var events = await client.OpenEventsAsync(null).WaitAsync(Deadline);
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            var failing = reservation.Devices.Single().Serial;
            var spare = serials.Single(s => s != failing);
            using var cts = new CancellationTokenSource(Deadline);
            await using var stream = events.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);

            await BreakAsync("spare-worker", failing, reservation.Id);
            var first = await NextAsync(stream, StreamEventTypes.DeviceReplaced, StreamEventTypes.DeviceFailed);
            Assert.Equal(StreamEventTypes.DeviceReplaced, first.Type);
            Assert.Equal((failing, spare, "spare-worker"), (first.Data.GetProperty("serial").GetString(), first.Data.GetProperty("replacement").GetString(), first.Data.GetProperty("worker").GetString()));
            Assert.Equal(StreamEventTypes.DeviceFailed, (await NextAsync(stream, StreamEventTypes.DeviceFailed)).Type);

            // The failed board leaves the reservation just after the client is told.
            var now = await Eventually.WaitForAsync(async ct =>
            {
                var current = await http.GetFromJsonAsync<ReservationResponse>($"api/v1/reservations/{reservation.Id}", ct);
                return current!.Devices.Single(d => d.Serial == failing).State == "released" ? current : null;
            }, Deadline, "the failed board released");
            Assert.Equal("preparing", now.Devices.Single(d => d.Serial == spare).State);

            // The worker prepares the replacement: the client hears it is ready, as for a board of the first grant.
            await service.Services.GetRequiredService<IBus>().Publish(new DeviceInitialized(reservation.Id, clientId, "spare-worker", spare, TimeProvider.System.GetUtcNow()));
            var ready = await NextAsync(stream, StreamEventTypes.DeviceReady);
            Assert.Equal(spare, ready.Data.GetProperty("serial").GetString());
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_client_that_opted_out_gets_no_replacement_and_its_only_board_failing_ends_the_reservation()
    {
        var serials = await service.AnnounceWorkerAsync("no-spare-worker", 2, kind: "variance");
        var (http, _) = await service.NewClientAsync("not-replaced");
        using var client = new FarmClient(new FarmClientOptions { BaseAddress = service.BaseAddress, Token = http.DefaultRequestHeaders.Authorization!.Parameter! });
        await using var events = await client.OpenEventsAsync(null).WaitAsync(Deadline);
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Amount: 1, ReplaceFailed: false)).WaitAsync(Deadline);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            using var cts = new CancellationTokenSource(Deadline);
            await using var stream = events.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);

            await BreakAsync("no-spare-worker", reservation.Devices.Single().Serial, reservation.Id);
            var seen = new List<string>();
            FarmEvent next;
            while ((next = await NextAsync(stream, null)).Type != StreamEventTypes.ReservationEnded)
            {
                seen.Add(next.Type);
            }

            Assert.DoesNotContain(StreamEventTypes.DeviceReplaced, seen);
            Assert.Contains(StreamEventTypes.DeviceFailed, seen);
            Assert.Equal("device-failed", next.Data.GetProperty("reason").GetString());
            var spare = serials.Single(s => s != reservation.Devices.Single().Serial);
            using var again = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Serials: [spare])).WaitAsync(Deadline);
            Assert.Equal(System.Net.HttpStatusCode.Created, again.StatusCode);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_board_whose_failure_the_heartbeat_recorded_first_is_still_replaced()
    {
        var serials = await service.AnnounceWorkerAsync("beat-first-worker", 2);
        var (http, _) = await service.NewClientAsync("beat-first");
        using var client = new FarmClient(new FarmClientOptions { BaseAddress = service.BaseAddress, Token = http.DefaultRequestHeaders.Authorization!.Parameter! });
        await using var events = await client.OpenEventsAsync(null).WaitAsync(Deadline);
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            var failing = reservation.Devices.Single().Serial;
            var spare = serials.Single(s => s != failing);
            using var cts = new CancellationTokenSource(Deadline);
            await using var stream = events.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);

            // The heartbeat and the state change race on the worker's side; here the heartbeat wins, and is applied first.
            await service.Services.GetRequiredService<IBus>().Publish(new WorkerHeartbeat("beat-first-worker", "test-1.0", ["pulsecount"],
                [new DeviceSummary(failing, DeviceState.Broken, DeviceHealth.Bad, reservation.Id, null), new DeviceSummary(spare, DeviceState.Available, DeviceHealth.Good, null, null)],
                Draining: false, SentAt: TimeProvider.System.GetUtcNow()));
            await Eventually.WaitForAsync(async ct =>
            {
                await using var session = service.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
                var view = await session.LoadAsync<IceFarm.FarmData.Devices.DeviceView>(IceFarm.FarmData.Store.StreamIds.Device(failing), ct);
                return view is { State: DeviceState.Broken } ? view : null;
            }, Deadline, "the heartbeat's Broken recorded");

            await BreakAsync("beat-first-worker", failing, reservation.Id);
            var first = await NextAsync(stream, StreamEventTypes.DeviceReplaced, StreamEventTypes.DeviceFailed);
            Assert.Equal(StreamEventTypes.DeviceReplaced, first.Type);
            Assert.Equal((failing, spare), (first.Data.GetProperty("serial").GetString(), first.Data.GetProperty("replacement").GetString()));
            Assert.Equal(StreamEventTypes.DeviceFailed, (await NextAsync(stream, StreamEventTypes.DeviceFailed)).Type);
        }
    }

    private Task BreakAsync(string worker, string serial, Guid reservationId) =>
        service.Services.GetRequiredService<IBus>().Publish(
            new DeviceStateChanged(worker, serial, DeviceState.Broken, DeviceHealth.Bad, "missed its deadline while waiting for BOOTSEL", reservationId, TimeProvider.System.GetUtcNow()));

    /// <summary>The next event of one of <paramref name="types"/> (any type when null).</summary>
    private static async Task<FarmEvent> NextAsync(IAsyncEnumerator<FarmEvent> stream, params string[]? types)
    {
        while (await stream.MoveNextAsync().AsTask().WaitAsync(Deadline))
        {
            if (types is null || types.Length == 0 || types.Contains(stream.Current.Type))
            {
                return stream.Current;
            }
        }

        throw new InvalidOperationException("The event stream ended before the expected event.");
    }
}
