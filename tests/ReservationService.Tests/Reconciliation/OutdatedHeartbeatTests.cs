using IceFarm.Contracts.Devices;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Store;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using DeviceState = IceFarm.Contracts.Devices.DeviceState;

namespace IceFarm.ReservationService.Tests.Reconciliation;

/// <summary>
/// A heartbeat is a snapshot, and a board's state change sent after it was taken can reach the service first: the
/// heartbeat then says nothing about that board (CI saw a board back in SelfTest after its check had passed).
/// </summary>
public sealed class When_a_heartbeat_was_taken_before_a_boards_last_report(ReconciliationClockHost service) : IClassFixture<ReconciliationClockHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task It_does_not_move_the_board_back_but_a_later_heartbeat_still_counts()
    {
        await using var worker = await FakeWorker.StartAsync("late-beat", service.Services);
        const string checkedBoard = "7E0A50000001", other = "7E0A50000002";
        await worker.HeartbeatAsync(Idle(checkedBoard), Idle(other));

        // The board's health check: SelfTest half a second after that heartbeat, Available again a second and a half after.
        await worker.ReportAsync(checkedBoard, DeviceState.SelfTest, DeviceHealth.Good, "health check: due", TimeSpan.FromMilliseconds(500));
        await worker.ReportAsync(checkedBoard, DeviceState.Available, DeviceHealth.Good, "health check passed", TimeSpan.FromMilliseconds(1500));

        // The next heartbeat (one second after the first) caught the board in its check, and arrived last.
        await worker.HeartbeatAsync(new DeviceSummary(checkedBoard, DeviceState.SelfTest, DeviceHealth.Good, null, null), Idle(other) with { Health = DeviceHealth.Bad, State = DeviceState.Broken });
        var board = await DeviceAsync(checkedBoard);
        Assert.Equal((DeviceState.Available, "health check passed"), (board.State, board.Reason));
        Assert.Equal(DeviceState.Broken, (await DeviceAsync(other)).State); // the rest of the heartbeat is applied

        // A heartbeat taken after the report is news again.
        await worker.HeartbeatAsync(new DeviceSummary(checkedBoard, DeviceState.Broken, DeviceHealth.Bad, null, null), Idle(other));
        board = await DeviceAsync(checkedBoard);
        Assert.Equal((DeviceState.Broken, DeviceHealth.Bad), (board.State, board.WorkerHealth));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_board_found_after_it_was_taken_is_not_missing_from_it()
    {
        await using var worker = await FakeWorker.StartAsync("late-beat-found", service.Services);
        const string kept = "7E0A50000011", found = "7E0A50000012";
        await worker.HeartbeatAsync(Idle(kept));

        await worker.ReportAsync(found, DeviceState.Discovered, DeviceHealth.Unknown, "found on USB", TimeSpan.FromMilliseconds(1500));
        await worker.HeartbeatAsync(Idle(kept));
        Assert.Equal(DeviceState.Discovered, (await DeviceAsync(found)).State);

        // Still unlisted in a heartbeat taken after the board was found: gone from the worker.
        await worker.HeartbeatAsync(Idle(kept));
        var gone = await DeviceAsync(found);
        Assert.Equal(DeviceState.Offline, gone.State);
        Assert.Contains("not in the heartbeat of late-beat-found", gone.Reason, StringComparison.Ordinal);
    }

    private static DeviceSummary Idle(string serial) => new(serial, DeviceState.Available, DeviceHealth.Good, null, null);

    private async Task<DeviceView> DeviceAsync(string serial)
    {
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<DeviceView>(StreamIds.Device(serial)).WaitAsync(Deadline)
            ?? throw new InvalidOperationException($"No board {serial}.");
    }
}
