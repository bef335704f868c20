using System.Net.Http.Json;
using IceFarm.Client;
using IceFarm.Client.Events;
using IceFarm.Contracts.Devices;
using DeviceState = IceFarm.Contracts.Devices.DeviceState;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests.FailedBoards;

/// <summary>
/// A reserved board that the worker reports Broken (or Bad): the client gets <c>device-failed</c> with the worker's reason,
/// the board leaves the reservation, and the last board failing ends it as <c>device-failed</c>. The test plays the worker.
/// </summary>
public sealed class When_a_reserved_board_fails(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task The_client_is_told_with_the_workers_reason_and_the_board_leaves_the_reservation()
    {
        var serials = await service.AnnounceWorkerAsync("failing-worker", 2, kind: "variance");
        var (http, _) = await service.NewClientAsync("unlucky");
        using var client = new FarmClient(new FarmClientOptions { BaseAddress = service.BaseAddress, Token = http.DefaultRequestHeaders.Authorization!.Parameter! });
        await using var events = await client.OpenEventsAsync(null).WaitAsync(Deadline);
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Amount: 2)).WaitAsync(Deadline);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            using var cts = new CancellationTokenSource(Deadline);
            await using var stream = events.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);

            await BreakAsync(serials[0], reservation.Id, "missed its deadline while waiting for BOOTSEL");
            var failed = await NextAsync(stream, StreamEventTypes.DeviceFailed);
            Assert.Equal(serials[0], failed.Data.GetProperty("serial").GetString());
            Assert.Equal("missed its deadline while waiting for BOOTSEL", failed.Data.GetProperty("reason").GetString());
            var left = await Eventually.WaitForAsync(async ct =>
            {
                var now = await http.GetFromJsonAsync<ReservationResponse>($"api/v1/reservations/{reservation.Id}", ct);
                return now!.Devices.Single(d => d.Serial == serials[0]).State == "released" ? now : null;
            }, Deadline, "the failed board released from the reservation");
            Assert.NotEqual("released", left.Devices.Single(d => d.Serial == serials[1]).State);

            // The same report again (a redelivery) tells nobody twice; the last board failing ends the reservation.
            await BreakAsync(serials[0], reservation.Id, "missed its deadline while waiting for BOOTSEL");
            await BreakAsync(serials[1], reservation.Id, "the self-test failed twice", DeviceHealth.Bad, DeviceState.Available);
            var failedAfter = new List<string>();
            FarmEvent ended;
            while ((ended = await NextAsync(stream, null)).Type != StreamEventTypes.ReservationEnded)
            {
                if (ended.Type == StreamEventTypes.DeviceFailed)
                {
                    failedAfter.Add(ended.Data.GetProperty("serial").GetString()!);
                }
            }

            Assert.Equal([serials[1]], failedAfter);
            Assert.Equal("device-failed", ended.Data.GetProperty("reason").GetString());
        }
    }

    private Task BreakAsync(string serial, Guid reservationId, string reason, DeviceHealth health = DeviceHealth.Good, DeviceState state = DeviceState.Broken) =>
        service.Services.GetRequiredService<IBus>().Publish(
            new DeviceStateChanged("failing-worker", serial, state, health, reason, reservationId, TimeProvider.System.GetUtcNow()));

    /// <summary>The next event of <paramref name="type"/> (any type when null).</summary>
    private static async Task<FarmEvent> NextAsync(IAsyncEnumerator<FarmEvent> stream, string? type)
    {
        while (await stream.MoveNextAsync().AsTask().WaitAsync(Deadline))
        {
            if (type is null || stream.Current.Type == type)
            {
                return stream.Current;
            }
        }

        throw new InvalidOperationException($"The event stream ended before a {type} event.");
    }
}
