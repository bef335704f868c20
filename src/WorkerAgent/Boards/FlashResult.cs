namespace IceFarm.WorkerAgent.Boards;

/// <summary>Outcome of a flash: success with the new protocol port, or a reason.</summary>
/// <param name="Succeeded">Whether the board came back running the image.</param>
/// <param name="PortName">The protocol port of the freshly booted firmware.</param>
/// <param name="Failure">What went wrong, in words an operator understands.</param>
internal sealed record FlashResult(bool Succeeded, string? PortName, string? Failure)
{
    /// <summary>The board runs the image and its port is usable.</summary>
    public static FlashResult Ok(string portName) => new(true, portName, null);

    /// <summary>The flash failed.</summary>
    public static FlashResult Failed(string reason) => new(false, null, reason);
}
