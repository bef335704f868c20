namespace IceFarm.WorkerAgent.Boards;

/// <summary>The firmware images a board can run.</summary>
internal enum FirmwareKind
{
    /// <summary>Prints <c>default firmware</c>; keeps the board reachable between reservations.</summary>
    Default,
    /// <summary>Counts rising edges for 1 s after loading a bitstream.</summary>
    PulseCount,
    /// <summary>Samples the ADC 500 times after loading a bitstream.</summary>
    Variance,
}
