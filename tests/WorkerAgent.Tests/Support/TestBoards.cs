using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace IceFarm.WorkerAgent.Tests.Support;

/// <summary>Simulated boards on a fake clock.</summary>
internal static class TestBoards
{
    /// <summary>Realistic timings with no jitter, so transcripts are exact.</summary>
    public static SimulationProfile Exact { get; } = SimulationProfile.Realistic with { TransferJitter = 0, FlashTimeJitter = false };

    /// <summary>A fake clock at a fixed, arbitrary instant.</summary>
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>A plugged-in board running <paramref name="firmware"/>.</summary>
    public static SimulatedBoard PluggedIn(FakeTimeProvider clock, FirmwareKind firmware, SimulationProfile? profile = null)
    {
        var board = new SimulatedBoard("1B66CE91AB184A50", firmware, profile ?? Exact, clock, seed: 7);
        board.PlugIn();
        return board;
    }

    /// <summary>An open port onto <paramref name="board"/>.</summary>
    public static async Task<SimulatedPort> OpenAsync(SimulatedBoard board, bool dtr = true, int baudRate = 115_200)
    {
        var port = new SimulatedPort(board.PortName!, board);
        await port.OpenAsync(new SerialOpenOptions(baudRate, dtr), CancellationToken.None);
        return port;
    }
}
