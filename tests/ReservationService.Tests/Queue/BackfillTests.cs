using System.Net;
using Xunit;
using static IceFarm.ReservationService.Tests.Queue.QueueCalls;

namespace IceFarm.ReservationService.Tests.Queue;

/// <summary>Within the backfill window, a small request is served while a large one waits for boards that are not free.</summary>
public sealed class When_a_large_request_waits_within_the_backfill_window(BackfillQueueHost service) : IClassFixture<BackfillQueueHost>
{
    [Fact(Timeout = 120_000)]
    public async Task A_small_request_is_served_at_once_and_the_large_one_keeps_its_place()
    {
        await service.AnnounceWorkerAsync("backfill-worker", 3);
        var (holder, _) = await service.NewClientAsync("holder");
        var (large, _) = await service.NewClientAsync("large");
        var (small, _) = await service.NewClientAsync("small");
        using (holder)
        using (large)
        using (small)
        {
            var held = await GrantedAsync(ReserveAsync(holder, 2, null));
            var largeWaits = ReserveAsync(large, 3, "PT2M");
            await InLineAsync(large, position: 1, waiting: 1);

            var smallGrant = await GrantedAsync(ReserveAsync(small, 1, "PT2M"));
            Assert.Single(smallGrant.Devices);
            Assert.False(largeWaits.IsCompleted);
            await InLineAsync(large, position: 1, waiting: 1);

            await EndAsync(holder, held.Id);
            await EndAsync(small, smallGrant.Id);
            Assert.Equal(3, (await GrantedAsync(largeWaits)).Devices.Count);
        }
    }
}

/// <summary>Once a large request has waited the backfill window, small ones queue behind it, so it is not starved.</summary>
public sealed class When_a_large_request_has_waited_the_backfill_window(StrictQueueHost service) : IClassFixture<StrictQueueHost>
{
    [Fact(Timeout = 120_000)]
    public async Task Small_requests_wait_behind_it_and_freed_boards_collect_for_it()
    {
        await service.AnnounceWorkerAsync("strict-worker", 3);
        var (holder, _) = await service.NewClientAsync("holder");
        var (large, _) = await service.NewClientAsync("large");
        var (small, _) = await service.NewClientAsync("small");
        using (holder)
        using (large)
        using (small)
        {
            var held = await GrantedAsync(ReserveAsync(holder, 2, null));
            var largeWaits = ReserveAsync(large, 3, "PT2M");
            await InLineAsync(large, position: 1, waiting: 1);

            // One board is free, but it is kept for the large request.
            var smallWaits = ReserveAsync(small, 1, "PT2M");
            await InLineAsync(small, position: 2, waiting: 2);

            await EndAsync(holder, held.Id);
            Assert.Equal(3, (await GrantedAsync(largeWaits)).Devices.Count);
            Assert.False(smallWaits.IsCompleted);
            await InLineAsync(small, position: 1, waiting: 1);
        }
    }
}
