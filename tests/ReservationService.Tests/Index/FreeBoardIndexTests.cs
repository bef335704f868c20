using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Drain;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using IceFarm.ReservationService.Hosting;
using IceFarm.ReservationService.Reservations;
using IceFarm.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests.Index;

/// <summary>The free-board index against the projection it mirrors, with real PostgreSQL and RabbitMQ.</summary>
public sealed class When_the_farm_changes_the_free_board_index_follows(IndexHost service) : IClassFixture<IndexHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private FreeBoardIndex Index => service.Services.GetRequiredService<FreeBoardIndex>();

    private IDocumentStore Store => service.Services.GetRequiredService<IDocumentStore>();

    [Fact(Timeout = 120_000)]
    public async Task It_matches_the_projection_after_grants_ends_broken_boards_drains_and_worker_loss()
    {
        var onA = await service.AnnounceWorkerAsync("index-a", 4, kind: "variance");
        await service.AnnounceWorkerAsync("index-b", 4, kind: "variance");
        // The announcement waits for 4 boards of the kind, which index-a alone already had.
        await Eventually.WaitForAsync(async ct => (await FreeInProjectionAsync()).Count == 8 ? "all eight" : null, Deadline, "index-b's boards");
        await AssertMatchesProjectionAsync(expected: 8);
        var (http, _) = await service.NewClientAsync("indexer");
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Amount: 3)).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.Created, reserve.StatusCode);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            await AssertMatchesProjectionAsync(expected: 5);

            using var end = await http.DeleteAsync($"api/v1/reservations/{reservation.Id}").WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
            await AssertMatchesProjectionAsync(expected: 8);
        }

        var now = TimeProvider.System.GetUtcNow();
        await AppendAsync(StreamIds.Device(onA[0]), new DeviceStateRecorded(onA[0], "index-a", DeviceState.Broken, DeviceHealth.Bad, "self-test failed", now));
        await AssertMatchesProjectionAsync(expected: 7);
        await AppendAsync(StreamIds.Worker("index-b"), new WorkerBeganDraining("index-b", now.AddMinutes(10), "test", now));
        await AssertMatchesProjectionAsync(expected: 3);
        await AppendAsync(StreamIds.Worker("index-a"), new WorkerWentOffline("index-a", "silent", now, now));
        await AssertMatchesProjectionAsync(expected: 0);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stale_entry_costs_a_retry_and_never_a_double_booking_or_a_refusal()
    {
        var serials = await service.AnnounceWorkerAsync("stale-worker", 2, kind: "pulsecount");
        var (http, _) = await service.NewClientAsync("stale");
        using (http)
        {
            var first = await ReserveAsync(http);
            var held = first.Devices.Single().Serial;
            var other = serials.Single(s => s != held);

            // The index now believes the held board is free and the free one is taken: the worst it can be wrong.
            Index.Observe(new DeviceView { Serial = held, Worker = "stale-worker", State = DeviceState.Available });
            Index.Observe(new DeviceView { Serial = other, Worker = "stale-worker", State = DeviceState.Available, ReservationId = Guid.NewGuid() });

            var second = await ReserveAsync(http);
            Assert.Equal(other, second.Devices.Single().Serial);
            await using var session = Store.QuerySession();
            Assert.Equal(first.Id, (await session.LoadAsync<DeviceView>(StreamIds.Device(held)))!.ReservationId);
            Assert.Equal(second.Id, (await session.LoadAsync<DeviceView>(StreamIds.Device(other)))!.ReservationId);
            Assert.DoesNotContain(held, Index.FreeSerials("pulsecount"));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Two_grants_that_read_the_same_board_cannot_both_commit()
    {
        var serial = (await service.AnnounceWorkerAsync("race-worker", 1, kind: "pulsecount"))[0];
        await using var winner = Store.LightweightSession();
        await using var loser = Store.LightweightSession();
        var winnerStream = await FetchInBatchAsync(winner, serial);
        var loserStream = await FetchInBatchAsync(loser, serial);

        var now = TimeProvider.System.GetUtcNow();
        winnerStream.AppendOne(new DeviceReserved(serial, Guid.NewGuid(), "winner", "pulsecount", now.AddHours(1), now));
        loserStream.AppendOne(new DeviceReserved(serial, Guid.NewGuid(), "loser", "pulsecount", now.AddHours(1), now));
        await winner.SaveChangesAsync();
        var lost = await Assert.ThrowsAnyAsync<Exception>(() => loser.SaveChangesAsync());

        Assert.True(StreamConflicts.IsConflict(lost), lost.ToString());
        await using var query = Store.QuerySession();
        Assert.Equal("winner", (await query.LoadAsync<DeviceView>(StreamIds.Device(serial)))!.ClientId);
    }

    private static async Task<JasperFx.Events.IEventStream<DeviceView>> FetchInBatchAsync(IDocumentSession session, string serial)
    {
        var batch = session.CreateBatchQuery();
        var stream = batch.Events.FetchForWriting<DeviceView>(StreamIds.Device(serial));
        await batch.Execute();
        return await stream;
    }

    private static async Task<ReservationResponse> ReserveAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReservationResponse>())!;
    }

    private async Task AppendAsync(string stream, object @event)
    {
        await using var session = Store.LightweightSession();
        session.Events.Append(stream, @event);
        await session.SaveChangesAsync();
    }

    /// <summary>The index offers exactly the boards the projection shows free on workers that may serve the kind.</summary>
    private async Task AssertMatchesProjectionAsync(int expected)
    {
        var free = await FreeInProjectionAsync();
        Assert.Equal(expected, free.Count);
        Assert.Equal(free.Order(), Index.FreeSerials("variance").Order());
    }

    private async Task<HashSet<string>> FreeInProjectionAsync()
    {
        await using var session = Store.QuerySession();
        var workers = (await session.Query<WorkerView>().ToListAsync())
            .Where(w => w is { Online: true, Draining: false } && w.Kinds.Contains("variance")).Select(w => w.Name).ToHashSet();
        return (await session.Query<DeviceView>().ToListAsync()).Where(d => d.IsFree && workers.Contains(d.Worker)).Select(d => d.Serial).ToHashSet();
    }
}
