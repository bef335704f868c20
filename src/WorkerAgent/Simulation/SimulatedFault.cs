namespace IceFarm.WorkerAgent.Simulation;

/// <summary>The injectable faults of hardware.md §8.5 that live in the board (the rest are simulator controls).</summary>
internal enum SimulatedFault
{
    /// <summary>#1: the firmware ignores the 1200-baud touch; only pressing BOOTSEL helps.</summary>
    IgnoreTouch,
    /// <summary>#2: the cable glitches halfway through a UF2 write; the download is lost, the old image boots.</summary>
    UnplugDuringUf2Write,
    /// <summary>#3: the fully accepted image does not boot; the ROM falls back to BOOTSEL.</summary>
    ImageDoesNotBoot,
    /// <summary>#4/#13: the next enumeration never happens (descriptor read error -71, dead board).</summary>
    NoEnumeration,
    /// <summary>#4: the BOOTSEL partition never appears.</summary>
    PartitionNeverAppears,
    /// <summary>#4: the application's tty node never becomes usable.</summary>
    TtyNeverUsable,
    /// <summary>#6: the evaluation firmware freezes after loading a bitstream: no result, no ready line, until reset.</summary>
    FirmwareHangs,
    /// <summary>#6: the device stops reading; host writes block (USB NAK forever).</summary>
    WritesBlock,
    /// <summary>#6: closing the port blocks for <see cref="SimulatedFaults.SlowCloseDuration"/> (cdc-acm draining).</summary>
    SlowClose,
    /// <summary>#8: the next result line arrives garbled.</summary>
    GarbledResult,
    /// <summary>#10: the BOOTSEL block device is busy (an automounter holds it).</summary>
    BlockDeviceBusy,
}
