namespace IceFarm.WorkerAgent.Simulation;

/// <summary>What a simulated board shows on USB (hardware.md §8.2).</summary>
internal enum SimulatedBoardMode
{
    /// <summary>Not on the bus: unplugged, or between a disconnect and the next enumeration.</summary>
    Absent,
    /// <summary>Running its installed application image.</summary>
    Application,
    /// <summary>In the ROM bootloader, waiting for a UF2.</summary>
    Bootsel,
}
