using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Reservations;
using IceFarm.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using ReservationEnded = IceFarm.FarmData.Reservations.ReservationEnded;

namespace IceFarm.ReservationService.Tests.Replicas;

/// <summary>Both replicas run the lease monitor on the same store: an expiry must end the reservation once.</summary>
public sealed class When_two_replicas_watch_one_lease(FakeClockHost service) : IClassFixture<FakeClockHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task The_expired_reservation_ends_once_and_the_client_is_told_once()
    {
        await using var replica = await service.StartReplicaAsync();
        await service.AnnounceWorkerAsync("lease-replica-worker", 1);
        var (http, clientId) = await service.NewClientAsync("expiring");
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.Created, reserve.StatusCode);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;

            service.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
            // Besides their own ticks, both monitors check at the same moment.
            await Task.WhenAll(
                service.Services.GetRequiredService<LeaseMonitor>().CheckAsync(CancellationToken.None),
                replica.Services.GetRequiredService<LeaseMonitor>().CheckAsync(CancellationToken.None)).WaitAsync(Deadline);

            var store = service.Services.GetRequiredService<IDocumentStore>();
            await using var session = store.QuerySession();
            var events = await session.Events.FetchStreamAsync(StreamIds.Reservation(reservation.Id)).WaitAsync(Deadline);
            Assert.Single(events, e => e.Data is ReservationEnded);
            var toldEnded = await Eventually.WaitForAsync(async ct =>
            {
                var (feed, _, _) = await service.Services.GetRequiredService<ClientFeedStore>().ReadAsync(clientId, 0, long.MaxValue, 1_000, ct);
                var told = feed.Where(e => e.Type == StreamEventTypes.ReservationEnded).ToList();
                return told.Count > 0 ? told : null;
            }, Deadline, "the stored reservation-ended event");
            Assert.Single(toldEnded);
        }
    }
}
