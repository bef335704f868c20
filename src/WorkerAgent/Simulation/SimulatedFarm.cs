using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>The simulated boards of one worker, with serials derived from the worker's name so they survive restarts.</summary>
internal sealed class SimulatedFarm
{
    private readonly Dictionary<string, SimulatedBoard> _bySerial;
    private readonly Dictionary<string, SimulatedBoard> _byPort;

    /// <summary>Wraps existing boards (tests build their own).</summary>
    public SimulatedFarm(IEnumerable<SimulatedBoard> boards)
    {
        Boards = [.. boards];
        _bySerial = Boards.ToDictionary(b => b.Serial, StringComparer.Ordinal);
        _byPort = Boards.ToDictionary(b => b.PortName, StringComparer.Ordinal);
    }

    /// <summary>Every board, plugged in or not.</summary>
    public IReadOnlyList<SimulatedBoard> Boards { get; }

    /// <summary>
    /// <paramref name="count"/> boards for <paramref name="workerName"/>, plugged in and running the
    /// default firmware, as boards that were enrolled before the worker started.
    /// </summary>
    public static SimulatedFarm Create(string workerName, int count, SimulationProfile profile, TimeProvider time)
    {
        var boards = Enumerable.Range(0, count).Select(i =>
        {
            var serial = SerialFor(workerName, i);
            var board = new SimulatedBoard(serial, FirmwareKind.Default, profile, time, SeedFor(serial));
            board.PlugIn();
            return board;
        });
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

    /// <summary>The board with <paramref name="serial"/>, if simulated here.</summary>
    public SimulatedBoard? FindBySerial(string serial) => _bySerial.GetValueOrDefault(serial);

    /// <summary>The board whose protocol port is <paramref name="portName"/>, if simulated here.</summary>
    public SimulatedBoard? FindByPort(string portName) => _byPort.GetValueOrDefault(portName);
}
