using System.Globalization;
using IceFarm.Contracts.Bitstreams;
using IceFarm.WorkerAgent.Boards;
using State = IceFarm.WorkerAgent.Simulation.EvaluationFirmwareState;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// The pulse-count and variance firmwares, byte-exact to iCEFARM's <c>main.cpp</c> (hardware.md §5.2–5.5):
/// DTR gating, the ready line, the 2 s watchdog from the first byte, exactly 104,090 bytes per transfer
/// with surplus left for the next one, and the result lines.
/// </summary>
internal sealed class EvaluationFirmware(SimulatedBoard board, FirmwareKind kind) : ISimulatedFirmware
{
    private const int BitstreamSize = Ice40Bitstream.Up5kSize;

    private readonly byte[] _bitstream = new byte[BitstreamSize];
    private State _current = State.Init;
    private State _previous = State.Init;
    private int _received;
    private DateTimeOffset _transferStart;
    private double _bytesPerSecond;
    private ITimer? _watchdog;
    private ITimer? _step;
    private bool _hung;

    /// <inheritdoc />
    public void PowerOn()
    {
        _current = State.WaitForUsbConnection;
        if (board.Dtr)
        {
            Connect();
        }
    }

    /// <inheritdoc />
    public void PowerOff() => CancelTimers();

    /// <inheritdoc />
    public void OnDtrChanged(bool asserted)
    {
        if (_hung)
        {
            return;
        }

        switch (_current)
        {
            case State.WaitForUsbConnection when asserted:
                Connect();
                break;
            case State.UsbDisconnected when asserted:
                _previous = State.UsbDisconnected;
                EnterUsbConnected();
                break;
            case State.WaitForBitstreamTransfer when !asserted:
                EnterDisconnected();
                break;
            case State.TransferBitstream when !asserted:
                CancelTimers();
                _received = 0;
                _previous = State.TransferBitstream;
                EnterDisconnected();
                break;
            default:
                // While loading and measuring the firmware spins in its own loop and looks at DTR
                // only when it gets back to the outer loop.
                break;
        }
    }

    /// <inheritdoc />
    public void OnBytesAvailable()
    {
        if (_hung)
        {
            return;
        }

        if (_current == State.WaitForBitstreamTransfer)
        {
            StartTransfer();
        }
        else if (_current == State.TransferBitstream)
        {
            Consume();
        }
    }

    private void Connect()
    {
        board.EmitLine("USB Connected :)");
        EnterUsbConnected();
    }

    private void EnterUsbConnected()
    {
        _current = State.UsbConnected;
        if (_previous != State.UsbConnected && _previous != State.Init)
        {
            board.EmitLine("USB Reconnected :)");
            _previous = State.UsbConnected;
        }

        EnterWait();
    }

    private void EnterWait()
    {
        _current = State.WaitForBitstreamTransfer;
        if (_previous != State.WaitForBitstreamTransfer)
        {
            board.EmitLine("Waiting for bitstream transfer");
            _previous = State.WaitForBitstreamTransfer;
        }

        if (board.ReceivedByteCount > 0)
        {
            StartTransfer();
        }
    }

    private void EnterDisconnected()
    {
        _current = State.UsbDisconnected;
        board.EmitLine("USB Disconnected :(");
        _previous = State.UsbDisconnected;
    }

    private void StartTransfer()
    {
        board.EmitLine("Bitstream transfer started");
        _current = State.TransferBitstream;
        board.EmitLine("Receiving bitstream");
        _previous = State.TransferBitstream;
        _received = 0;
        _transferStart = board.Now;
        var jitter = board.Profile.TransferJitter;
        _bytesPerSecond = board.Profile.BitstreamBytesPerSecond * (1 + (jitter * ((board.Random.NextDouble() * 2) - 1)));
        _watchdog = board.Schedule(board.Profile.TransferWatchdog, OnWatchdog);
        Consume();
    }

    private void Consume()
    {
        if (_received == BitstreamSize)
        {
            return;
        }

        _received += board.ReadReceived(_bitstream.AsSpan(_received));
        if (_received == BitstreamSize)
        {
            // Bytes reach the simulated FIFO at once; the USB transfer time is modelled by when the
            // firmware sees the last one.
            var arrival = _transferStart + TimeSpan.FromSeconds(BitstreamSize / _bytesPerSecond);
            _step = board.Schedule(arrival - board.Now, OnTransferComplete);
        }
    }

    private void OnWatchdog()
    {
        _step?.Dispose();
        var elapsed = (board.Now - _transferStart).TotalSeconds;
        var arrived = Math.Min(_received, (long)(elapsed * _bytesPerSecond));
        board.EmitLine(string.Create(CultureInfo.InvariantCulture, $"Watchdog timeout, {arrived} bytes received of {BitstreamSize}"));
        _previous = State.TransferBitstream;
        EnterWait();
    }

    private void OnTransferComplete()
    {
        _watchdog?.Dispose();
        var micros = (long)(board.Now - _transferStart).TotalMicroseconds;
        board.EmitLine(string.Create(CultureInfo.InvariantCulture, $"Received bitstream in {micros} us :)"));
        _previous = State.TransferBitstream;
        _current = State.FlashFpga;
        board.EmitLine("Flashing FPGA");
        _previous = State.FlashFpga;

        if (board.Faults.Fires(SimulatedFault.FirmwareHangs))
        {
            // Frozen in the load: nothing more is printed and nothing is read until the board is reset.
            _hung = true;
            return;
        }

        var load = SimulatedFpga.Load(_bitstream);
        var flashTimes = FormatFlashTimes(board.Measurements.FlashTimes());
        if (kind == FirmwareKind.PulseCount)
        {
            var pulses = board.Measurements.PulseCount(load);
            _step = board.Schedule(board.Profile.CramLoad + board.Profile.PulseWindow, () =>
            {
                // One snprintf in the firmware: the count's line starts with ", pulses: ".
                board.EmitLine(Garble(string.Create(CultureInfo.InvariantCulture, $"{flashTimes}\r\n, pulses: {pulses}")));
                EnterIdle();
            });
            return;
        }

        _step = board.Schedule(board.Profile.CramLoad, () =>
        {
            board.EmitLine(flashTimes);
            _current = State.SampleAdc;
            board.EmitLine("Sampling ADC");
            _previous = State.SampleAdc;
            var samples = board.Measurements.Samples(load);
            var sampling = board.Profile.VarianceSettle + (board.Profile.VarianceSampleInterval * SimulatedMeasurements.SampleCount);
            _step = board.Schedule(sampling, () =>
            {
                board.EmitLine(Garble("samples: " + string.Join(',', samples)));
                EnterIdle();
            });
        });
    }

    private void EnterIdle()
    {
        _current = State.Idle;
        board.EmitLine("IDLE");
        _previous = State.Idle;
        _current = State.WaitForUsbConnection;
        if (board.Dtr)
        {
            Connect();
        }
    }

    /// <summary>A result line as a noisy link delivers it when <see cref="SimulatedFault.GarbledResult"/> fires: cut short, bytes flipped.</summary>
    private string Garble(string line) => board.Faults.Fires(SimulatedFault.GarbledResult)
        ? new string([.. line[..(line.Length / 3)].Select(c => (char)(c ^ 0x20))])
        : line;

    private void CancelTimers()
    {
        _watchdog?.Dispose();
        _step?.Dispose();
        _watchdog = null;
        _step = null;
    }

    private static string FormatFlashTimes(long[] t) => string.Create(
        CultureInfo.InvariantCulture,
        $"FPGA Flash times (us): init {t[0]}, start {t[1]}, open {t[2]}, write {t[3]}, close {t[4]}");
}
