using IceFarm.Contracts.Devices;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.Hosting;
using IceFarm.ReservationService.Reservations;
using IceFarm.ReservationService.Reservations.Model;
using IceFarm.Testing;
using JasperFx.Events;
using Marten;
using Xunit;

namespace IceFarm.ReservationService.Tests.Model;

/// <summary>
/// The reservation handler on a real PostgreSQL (a database of its own): a decision is appended at the version it was
/// made on, so two handlers that decided on the same state commit once, and the boards' holders follow in the same commit.
/// </summary>
public sealed class ReservationHandlerTests : FarmStoreOfItsOwn
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact(Timeout = 120_000)]
    public async Task Two_concurrent_ends_of_one_reservation_append_one_end_and_release_each_board_once()
    {
        var (stream, id) = await GrantAsync("A", "B");
        var handler = new ReservationHandler(Store);
        var decisions = new System.Collections.Concurrent.ConcurrentQueue<bool>();
        var oneDecided = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var twoDecided = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each waits, once, between its decision and its commit: "one" until "two" has decided too, "two" until "one" has
        // committed. So "two" commits a decision made on the state before "one"'s end, after that end is stored: only the
        // version it read can refuse it (a commit that raced the other's would also trip over the stream's unique versions).
        Task<ReservationChange<bool>> End(string by, Func<CancellationToken, Task> beforeCommit) => handler.HandleAsync(
            stream,
            r => ReservationDecisions.End(r, ReservationEndReason.EndedByClient, by, T0.AddMinutes(1)),
            CancellationToken.None,
            alongside: async (_, change, ct) =>
            {
                decisions.Enqueue(change.Appended);
                await beforeCommit(ct);
            });

        var one = End("one", async ct =>
        {
            if (oneDecided.TrySetResult())
            {
                await twoDecided.Task.WaitAsync(Deadline, ct);
            }
        });
        var two = End("two", async ct =>
        {
            if (twoDecided.TrySetResult())
            {
                await one.WaitAsync(Deadline, ct);
            }
        });
        var ends = await Task.WhenAll(one, two).WaitAsync(Deadline);

        Assert.Single(ends, e => e.Appended);
        // Both decided to end the active reservation before either committed; the loser's retry read it ended.
        Assert.Equal([true, true, false], decisions.Order().Reverse());
        await using var session = Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(stream).WaitAsync(Deadline);
        Assert.Single(events, e => e.Data is ReservationEnded);
        Assert.Empty(await session.LoadManyAsync<BoardHolder>("A", "B").WaitAsync(Deadline));
        var view = await session.LoadAsync<ReservationView>(stream).WaitAsync(Deadline);
        Assert.All(view!.Devices, d => Assert.Equal(T0.AddMinutes(1), d.ReleasedAt));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_board_claimed_for_a_decision_that_someone_else_takes_before_the_commit_makes_the_commit_fail()
    {
        var (stream, id) = await GrantAsync("A");
        await RecordAsync("R");
        var handler = new ReservationHandler(Store);

        // Another grant takes R between the claim and the commit without waiting for the claim's lock: the holder of R
        // this decision inserts must fail on R's key, or R would be reserved twice.
        var lost = await Assert.ThrowsAnyAsync<Exception>(() => handler.HandleAsync(
            stream,
            async (session, _, ct) =>
            {
                Assert.Single((await BoardLocks.TakeAsync(session, ["R"], ct)).Free);
                var other = Guid.NewGuid();
                await using var grant = Store.LightweightSession();
                grant.Events.StartStream<ReservationView>(StreamIds.Reservation(other), new ReservationGranted(other, "other", "pulsecount",
                    new Dictionary<string, string>(), [new GrantedDevice("R", "w1")], T0.AddHours(1), T0));
                await grant.SaveChangesAsync(ct);
                return new GrantedDevice("R", "w3");
            },
            (r, free) => (free, ReservationDecisions.Replace(r, "A", free, "Broken", T0.AddMinutes(1))),
            CancellationToken.None,
            races: Polly.ResiliencePipeline.Empty).WaitAsync(Deadline));

        Assert.True(StreamConflicts.IsConflict(lost), lost.ToString());
        await using var session = Store.QuerySession();
        Assert.DoesNotContain((await session.Events.FetchStreamAsync(stream).WaitAsync(Deadline)).Select(e => e.Data), e => e is ReservationDeviceReplaced);
        Assert.NotEqual(id, (await session.LoadAsync<BoardHolder>("R").WaitAsync(Deadline))!.ReservationId);
    }

    private async Task<(string Stream, Guid Id)> GrantAsync(params string[] serials)
    {
        foreach (var serial in serials)
        {
            await RecordAsync(serial);
        }

        var id = Guid.NewGuid();
        var granted = new ReservationGranted(id, "client", "pulsecount", new Dictionary<string, string>(),
            [.. serials.Select(s => new GrantedDevice(s, "w1"))], T0.AddHours(1), T0);
        await using var session = Store.LightweightSession();
        session.Events.StartStream<ReservationView>(StreamIds.Reservation(id), granted);

        await session.SaveChangesAsync().WaitAsync(Deadline);
        return (StreamIds.Reservation(id), id);
    }

    private async Task RecordAsync(string serial)
    {
        await using var session = Store.LightweightSession();
        session.Events.Append(StreamIds.Device(serial), new DeviceStateRecorded(serial, "w1", DeviceState.Available, DeviceHealth.Good, "test", T0));
        await session.SaveChangesAsync().WaitAsync(Deadline);
    }
}
