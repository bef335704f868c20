using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>The simulated boards of one worker, with serials derived from the worker's name so they survive restarts.</summary>
internal sealed class SimulatedFarm : IDisposable
{
    private readonly Dictionary<string, SimulatedBoard> _bySerial;

    /// <summary>Wraps existing boards, which must share one bus (tests build their own).</summary>
    public SimulatedFarm(IEnumerable<SimulatedBoard> boards)
    {
        Boards = [.. boards];
        _bySerial = Boards.ToDictionary(b => b.Serial, StringComparer.Ordinal);
        Bus = Boards.Count > 0 ? Boards[0].Bus : new SimulatedUsbBus();
        if (Boards.Any(b => b.Bus != Bus))
        {
            throw new ArgumentException("The boards of one farm must share one USB bus.", nameof(boards));
        }
    }

    /// <summary>Every board, plugged in or not.</summary>
    public IReadOnlyList<SimulatedBoard> Boards { get; }

    /// <summary>The host side of the boards' USB: names, sysfs tree, uevents.</summary>
    public SimulatedUsbBus Bus { get; }

    /// <summary>
    /// <paramref name="count"/> boards for <paramref name="workerName"/>, plugged in (ports 1-1, 1-2, …) and
    /// running the default firmware, as boards that were enrolled before the worker started; with
    /// <paramref name="sysfsRoot"/> the bus materialises their sysfs tree there.
    /// </summary>
    public static SimulatedFarm Create(
        string workerName, int count, SimulationProfile profile, TimeProvider time, string? sysfsRoot = null, ILogger? logger = null)
    {
        var bus = new SimulatedUsbBus(sysfsRoot);
        var boards = Enumerable.Range(0, count).Select(i =>
        {
            var serial = SerialFor(workerName, i);
            var board = new SimulatedBoard(serial, FirmwareKind.Default, profile, time, SeedFor(serial), bus, $"1-{i + 1}");
            board.Logger = logger ?? board.Logger;
            board.PlugIn();
            return board;
        }).ToList();
        return new SimulatedFarm(boards);
    }

    /// <summary>A stable 16-hex-digit serial, like the RP2350's OTP chip id.</summary>
    public static string SerialFor(string workerName, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{workerName}/{index}"));
        return Convert.ToHexString(hash, 0, 8);
    }

    /// <summary>The seed of a board's random source, so its measurements repeat across runs.</summary>
    public static int SeedFor(string serial) => BinaryPrimitives.ReadInt32LittleEndian(Convert.FromHexString(serial));

    /// <summary>Stops every board's simulation: no timer step runs after this, whatever state a board was in.</summary>
    public void Dispose()
    {
        foreach (var board in Boards)
        {
            board.Shutdown();
        }
    }

    /// <summary>The board with <paramref name="serial"/>, if simulated here.</summary>
    public SimulatedBoard? FindBySerial(string serial) => _bySerial.GetValueOrDefault(serial);

    /// <summary>The board whose protocol tty is <paramref name="portName"/> right now, if any (tty numbers move between enumerations).</summary>
    public SimulatedBoard? FindByPort(string portName) => Boards.FirstOrDefault(b => b.PortName == portName);
}
