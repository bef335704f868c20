namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// iCEFARM's default firmware (hardware.md §5.6): prints <c>default firmware</c> every loop while DTR is
/// high (pico-sdk stdio drops output without it) and drains at most one received byte per loop.
/// </summary>
internal sealed class DefaultFirmware(SimulatedBoard board) : ISimulatedFirmware
{
    private ITimer? _loop;

    /// <inheritdoc />
    public void PowerOn() => OnDtrChanged(board.Dtr);

    /// <inheritdoc />
    public void PowerOff() => Stop();

    /// <inheritdoc />
    public void OnDtrChanged(bool asserted)
    {
        if (!asserted)
        {
            Stop();
            return;
        }

        _loop ??= board.SchedulePeriodic(board.Profile.DefaultFirmwareLinePeriod, Tick);
    }

    /// <inheritdoc />
    public void OnBytesAvailable()
    {
        // Read one byte per loop, in Tick.
    }

    private void Tick()
    {
        board.EmitLine("default firmware");
        Span<byte> one = stackalloc byte[1];
        board.ReadReceived(one);
    }

    private void Stop()
    {
        _loop?.Dispose();
        _loop = null;
    }
}
