namespace IceFarm.Bench.Boards;

/// <summary>A moment in one evaluation's life on the serial port, as <see cref="PortTap"/> sees it.</summary>
internal enum PortMark
{
    /// <summary>The worker wrote the first byte of a bitstream (the board's transfer clock starts).</summary>
    FirstByteWritten,

    /// <summary>The worker's last write of the bitstream returned.</summary>
    LastByteWritten,

    /// <summary>A read returned the pulse-count result line to the worker.</summary>
    ResultRead,
}
