namespace IceFarm.WorkerAgent.Protocol;

/// <summary>The lines the iCEFARM firmwares print (hardware.md §5.2–5.6).</summary>
internal enum FirmwareLineKind
{
    /// <summary>Anything else: stale output, garbage, a truncated line.</summary>
    Unknown,
    /// <summary><c>USB Connected :)</c></summary>
    UsbConnected,
    /// <summary><c>USB Reconnected :)</c></summary>
    UsbReconnected,
    /// <summary><c>USB Disconnected :(</c></summary>
    UsbDisconnected,
    /// <summary><c>Waiting for bitstream transfer</c>: the only go signal.</summary>
    Ready,
    /// <summary><c>Bitstream transfer started</c></summary>
    TransferStarted,
    /// <summary><c>Receiving bitstream</c></summary>
    Receiving,
    /// <summary><c>Received bitstream in N us :)</c>; value = N.</summary>
    Received,
    /// <summary><c>Watchdog timeout, N bytes received of 104090</c>; value = N.</summary>
    WatchdogTimeout,
    /// <summary><c>Flashing FPGA</c></summary>
    FlashingFpga,
    /// <summary><c>FPGA Flash times (us): init A, start B, open C, write D, close E</c>; values = the five.</summary>
    FlashTimes,
    /// <summary><c>, pulses: N</c>; value = N.</summary>
    Pulses,
    /// <summary><c>Sampling ADC</c></summary>
    SamplingAdc,
    /// <summary><c>samples: v1,...,v500</c>; values = the samples.</summary>
    Samples,
    /// <summary><c>IDLE</c></summary>
    Idle,
    /// <summary><c>default firmware</c></summary>
    DefaultFirmware,
}
