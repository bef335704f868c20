namespace IceFarm.WorkerAgent.Simulation;

/// <summary>A firmware running on a <see cref="SimulatedBoard"/>; every call is made under the board's lock.</summary>
internal interface ISimulatedFirmware
{
    /// <summary>The image booted (after USB enumeration).</summary>
    void PowerOn();

    /// <summary>The board is rebooting or unplugged; stop every timer.</summary>
    void PowerOff();

    /// <summary>The host raised or dropped DTR (closing the port drops it).</summary>
    void OnDtrChanged(bool asserted);

    /// <summary>The host wrote bytes; they wait in the board's receive FIFO until the firmware reads them.</summary>
    void OnBytesAvailable();
}
