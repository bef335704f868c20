namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// States of the iCEFARM evaluation firmware's loop (hardware.md §5.2). The firmware prints a state's
/// entry line only when its <c>previousState</c> differs, so the model keeps both, like the C code.
/// </summary>
internal enum EvaluationFirmwareState
{
    /// <summary>Before the first connection; only ever a "previous" state.</summary>
    Init,
    /// <summary>Outer loop: polling for DTR.</summary>
    WaitForUsbConnection,
    /// <summary>Just (re)connected.</summary>
    UsbConnected,
    /// <summary>DTR dropped while waiting or receiving.</summary>
    UsbDisconnected,
    /// <summary>Ready: the next byte starts a transfer.</summary>
    WaitForBitstreamTransfer,
    /// <summary>Reading the 104,090 bytes under the watchdog.</summary>
    TransferBitstream,
    /// <summary>Loading the FPGA and (pulse count) counting.</summary>
    FlashFpga,
    /// <summary>Variance only: settling and sampling the ADC.</summary>
    SampleAdc,
    /// <summary>Done; back to the outer loop.</summary>
    Idle,
}
