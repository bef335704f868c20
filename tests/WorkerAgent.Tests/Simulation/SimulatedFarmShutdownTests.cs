using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Tests.Support;
using Microsoft.Extensions.Logging;

namespace IceFarm.WorkerAgent.Tests.Simulation;

/// <summary>
/// A worker stopping while a board reboots: the board's pending steps must neither run against the deleted
/// sysfs tree nor throw on a timer thread (which ends the process).
/// </summary>
public sealed class SimulatedFarmShutdownTests
{
    [Fact]
    public async Task StoppedFarm_RunsNoMoreSteps_EvenWithABoardMidReboot()
    {
        var clock = TestBoards.Clock();
        var root = new SimulatedSysfsRoot("shutdown-test");
        var farm = SimulatedFarm.Create("w", 1, TestBoards.Exact, clock, root.Path);
        var board = farm.Boards[0];
        await TouchAsync(board);
        clock.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(SimulatedBoardMode.Absent, board.Mode);

        farm.Dispose();
        root.Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(SimulatedBoardMode.Absent, board.Mode);
        Assert.False(Directory.Exists(root.Path), "a step recreated the deleted sysfs tree");
    }

    [Fact]
    public async Task AStepThatFails_IsLoggedByTheBoard_NotThrownOnTheTimerThread()
    {
        var clock = TestBoards.Clock();
        var root = new SimulatedSysfsRoot("failing-step-test");
        var logger = new RecordingLogger<SimulatedBoard>();
        var farm = SimulatedFarm.Create("w", 1, TestBoards.Exact, clock, root.Path, logger);
        var board = farm.Boards[0];
        await TouchAsync(board);
        clock.Advance(TimeSpan.FromMilliseconds(10));

        // The tree goes without the farm being stopped first: the BOOTSEL enumeration cannot write it.
        root.Dispose();
        var thrown = Record.Exception(() => clock.Advance(TimeSpan.FromSeconds(5)));

        Assert.Null(thrown);
        var (level, message, exception) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, level);
        Assert.Contains(board.Serial, message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(exception);
        farm.Dispose();
    }

    private static async Task TouchAsync(SimulatedBoard board)
    {
        await using var port = await TestBoards.OpenAsync(board, dtr: false, baudRate: 1200);
    }
}
