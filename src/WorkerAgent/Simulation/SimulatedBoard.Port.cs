using System.Text;
using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>The protocol port side of the board: opener, line coding (1200 reboots on change), DTR, FIFOs.</summary>
internal sealed partial class SimulatedBoard
{
    internal void Open(SimulatedPort port, SerialOpenOptions options)
    {
        lock (_gate)
        {
            if (_mode != SimulatedBoardMode.Application || !_ttyReady || port.PortName != Bus.DevNode(_usb!.ProtocolTty!))
            {
                throw new IOException($"{port.PortName}: No such file or directory");
            }

            if (_openPort is not null)
            {
                throw new IOException($"{port.PortName}: Device or resource busy");
            }

            _openPort = port;
            if (_unsent.Count > 0)
            {
                // Stale output left in the device's TX FIFO reaches the next opener (hardware.md §5.2).
                port.Deliver(_unsent.ToArray());
                _unsent.Clear();
            }

            ApplyLineCoding(options.BaudRate);
            SetDtrCore(options.DtrEnable);
        }
    }

    internal void Close(SimulatedPort port)
    {
        lock (_gate)
        {
            if (_openPort != port)
            {
                return;
            }

            // Detach first: what the firmware prints on losing DTR stays in its FIFO for the next opener.
            _openPort = null;
            SetDtrCore(false);
        }
    }

    internal void SetBaudRate(SimulatedPort port, int baudRate)
    {
        lock (_gate)
        {
            EnsureOpenedBy(port);
            ApplyLineCoding(baudRate);
        }
    }

    internal void SetDtr(SimulatedPort port, bool asserted)
    {
        lock (_gate)
        {
            EnsureOpenedBy(port);
            SetDtrCore(asserted);
        }
    }

    internal void Write(SimulatedPort port, ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            EnsureOpenedBy(port);
            _received.Enqueue(data);
            _firmware?.OnBytesAvailable();
        }
    }

    /// <summary>Firmware output: goes to the open port, or waits in the 512-byte device FIFO (oldest bytes overwritten).</summary>
    internal void EmitLine(string line)
    {
        var bytes = Encoding.ASCII.GetBytes(line + "\r\n");
        if (_openPort is not null)
        {
            _openPort.Deliver(bytes);
            return;
        }

        _unsent.Enqueue(bytes);
        _unsent.Drop(_unsent.Count - DeviceTxFifoBytes);
    }

    internal int ReadReceived(Span<byte> destination) => _received.Dequeue(destination);

    private void ApplyLineCoding(int baudRate)
    {
        // cdc-acm caches the line coding and sends SET_LINE_CODING only when it changes.
        if (baudRate == _lineCoding)
        {
            return;
        }

        _lineCoding = baudRate;
        if (baudRate == TouchLineCoding && _firmware is not null && !Faults.Fires(SimulatedFault.IgnoreTouch))
        {
            Schedule(Profile.TouchToRemove, () =>
            {
                Disconnect();
                Schedule(Profile.RemoveToBootsel, () => Enumerate(bootsel: true));
            });
        }
    }

    private void SetDtrCore(bool asserted)
    {
        if (_dtr == asserted)
        {
            return;
        }

        _dtr = asserted;
        _firmware?.OnDtrChanged(asserted);
    }

    private void EnsureOpenedBy(SimulatedPort port)
    {
        if (_openPort != port)
        {
            throw new IOException($"{port.PortName}: device disconnected");
        }
    }
}
