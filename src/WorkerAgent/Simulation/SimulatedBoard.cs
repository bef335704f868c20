using System.Text;
using IceFarm.WorkerAgent.Boards;
using Microsoft.Extensions.Logging.Abstractions;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// One simulated pico2-ice (hardware.md §8.2): USB presence and identity, the host's cached line coding
/// (1200 baud reboots only on change), DTR, the device's FIFOs, BOOTSEL and the installed image.
/// Every delay comes from the profile and runs on the injected <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// Event-driven rather than a loop: firmware steps run in timer callbacks and host calls under one
/// lock, so a FakeTimeProvider's Advance leaves the board's output complete and tests stay exact.
/// Longer than most files because the USB side and the port side share that one lock and state.
/// </remarks>
internal sealed partial class SimulatedBoard
{
    private const int DeviceTxFifoBytes = 512;
    private const int ProbeLineCoding = 9600;
    private const int TouchLineCoding = 1200;

    private readonly Lock _gate = new();
    private readonly BoardScheduler _scheduler;
    private readonly ByteQueue _received = new();
    private readonly ByteQueue _unsent = new();
    private readonly SimulatedRom _rom = new();
    private SimulatedBoardMode _mode = SimulatedBoardMode.Absent;
    private FirmwareKind? _installed;
    private ISimulatedFirmware? _firmware;
    private SimulatedPort? _openPort;
    private bool _dtr;
    private int _lineCoding = ProbeLineCoding;
    private bool _ttyReady;
    private bool _volumeReady;
    private int _devnum;
    private SimulatedUsbAttachment? _usb;

    /// <summary>
    /// Creates an unplugged board with <paramref name="installed"/> in its flash (null = none: it boots to
    /// BOOTSEL), on <paramref name="bus"/> (its own when null) at port <paramref name="busId"/>.
    /// </summary>
    public SimulatedBoard(
        string serial, FirmwareKind? installed, SimulationProfile profile, TimeProvider time, int seed, SimulatedUsbBus? bus = null, string busId = "1-1")
    {
        Serial = serial;
        Bus = bus ?? new SimulatedUsbBus();
        BusId = busId;
        _installed = installed;
        Profile = profile;
        Time = time;
        Random = new Random(seed);
        Faults = new SimulatedFaults(seed);
        Measurements = new SimulatedMeasurements(Random, profile);
        _scheduler = new BoardScheduler(_gate, time, ex => Logger.LogError(ex, "Simulated board {Serial}: a scheduled step failed", Serial));
    }

    /// <summary>The USB serial.</summary>
    public string Serial { get; }

    /// <summary>The host side of the board's USB.</summary>
    public SimulatedUsbBus Bus { get; }

    /// <summary>The port the board is plugged into; <see cref="PlugIn"/> can move it.</summary>
    public string BusId { get; private set; }

    /// <summary>The protocol tty's /dev path while the application is enumerated (it may change with every enumeration).</summary>
    public string? PortName { get { lock (_gate) { return _usb?.ProtocolTty is { } tty ? Bus.DevNode(tty) : null; } } }

    /// <summary>The BOOTSEL partition's /dev path once usb-storage created it.</summary>
    public string? VolumeName { get { lock (_gate) { return _usb?.Disk is { } disk ? Bus.DevNode(disk + "1") : null; } } }

    /// <summary>The timings.</summary>
    public SimulationProfile Profile { get; }

    /// <summary>Fault: the firmware ignores the 1200-baud touch (hardware.md §8.5 #1); shorthand for <see cref="SimulatedFault.IgnoreTouch"/>.</summary>
    public bool IgnoresTouch
    {
        get => Faults.IsArmed(SimulatedFault.IgnoreTouch);
        set
        {
            if (value)
            {
                Faults.Always(SimulatedFault.IgnoreTouch);
            }
            else
            {
                Faults.Clear(SimulatedFault.IgnoreTouch);
            }
        }
    }

    /// <summary>The faults armed on this board (hardware.md §8.5).</summary>
    public SimulatedFaults Faults { get; }

    /// <summary>The firmware in flash; null when the flash holds nothing the ROM would boot.</summary>
    public FirmwareKind? InstalledImage { get { lock (_gate) { return _installed; } } }

    /// <summary>What the board shows on USB.</summary>
    public SimulatedBoardMode Mode { get { lock (_gate) { return _mode; } } }

    /// <summary>USB device number; increments on every enumeration.</summary>
    public int Devnum { get { lock (_gate) { return _devnum; } } }

    internal TimeProvider Time { get; }

    /// <summary>Where the board reports a step of its own that failed (a simulator bug, or its sysfs tree deleted under it).</summary>
    internal ILogger Logger { get; set; } = NullLogger.Instance;

    internal Random Random { get; }

    internal SimulatedMeasurements Measurements { get; }

    /// <summary>The board's time: the scheduled instant of the step running now, otherwise the clock's.</summary>
    internal DateTimeOffset Now => _scheduler.Now;

    /// <summary>DTR as the firmware sees it: only an open port can assert it.</summary>
    internal bool Dtr => _dtr;

    internal int ReceivedByteCount => _received.Count;

    /// <summary>Plugs the board in as if it had been there before the worker started: enumerated and settled.</summary>
    public void PlugIn(string? busId = null)
    {
        lock (_gate)
        {
            if (_mode != SimulatedBoardMode.Absent)
            {
                return;
            }

            BusId = busId ?? BusId;
            Enumerate(bootsel: false);
            if (_mode == SimulatedBoardMode.Application)
            {
                MarkTtyReady();
            }
            else
            {
                MarkVolumeReady();
            }
        }
    }

    /// <summary>Plugs the board in now; it shows up after the profile's enumeration delays, like a cable pushed in.</summary>
    public void PlugInLive(string? busId = null)
    {
        lock (_gate)
        {
            if (_mode == SimulatedBoardMode.Absent)
            {
                BusId = busId ?? BusId;
                Enumerate(bootsel: false);
            }
        }
    }

    /// <summary>Bytes a stranger (ModemManager's <c>AT</c>, a terminal's newline) pushes into the device (hardware.md §8.5 #7).</summary>
    public void InjectStrayBytes(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            _received.Enqueue(bytes);
            _firmware?.OnBytesAvailable();
        }
    }

    /// <summary>
    /// Ends the simulation of this board (the worker stops): no step runs any more, so nothing touches the
    /// sysfs tree or the host's ports after they are gone.
    /// </summary>
    public void Shutdown() => _scheduler.Stop();

    /// <summary>Pulls the cable.</summary>
    public void Unplug()
    {
        lock (_gate)
        {
            Disconnect();
        }
    }

    /// <summary>The board as sysfs would show it now; null while it is off the bus.</summary>
    public DiscoveredBoard? Describe()
    {
        lock (_gate)
        {
            return _mode switch
            {
                SimulatedBoardMode.Application => new DiscoveredBoard(
                    Serial, FirmwareKinds.IdentityOf(_installed!.Value), _ttyReady ? Bus.DevNode(_usb!.ProtocolTty!) : null, null)
                    { BusId = BusId, Devnum = _devnum },
                SimulatedBoardMode.Bootsel => new DiscoveredBoard(
                    Serial, UsbIdentity.Bootsel, null, _volumeReady ? Bus.DevNode(_usb!.Disk! + "1") : null)
                    { BusId = BusId, Devnum = _devnum },
                _ => null,
            };
        }
    }

    /// <summary>Runs <paramref name="action"/> under the lock after <paramref name="due"/>, unless the board re-enumerated meanwhile.</summary>
    internal ITimer Schedule(TimeSpan due, Action action) => _scheduler.Schedule(due, action);

    internal ITimer SchedulePeriodic(TimeSpan period, Action action) => _scheduler.SchedulePeriodic(period, action);

    private void Enumerate(bool bootsel)
    {
        if (Faults.Fires(SimulatedFault.NoEnumeration))
        {
            // The host never gets a device descriptor: no add event, nothing in sysfs.
            return;
        }

        _devnum++;
        if (bootsel || _installed is not { } image)
        {
            _mode = SimulatedBoardMode.Bootsel;
            _usb = Bus.Attach(Serial, BusId, _devnum, UsbIdentity.Bootsel);
            if (!Faults.Fires(SimulatedFault.PartitionNeverAppears))
            {
                Schedule(Profile.BootselToVolume, MarkVolumeReady);
            }

            return;
        }

        _mode = SimulatedBoardMode.Application;
        _usb = Bus.Attach(Serial, BusId, _devnum, FirmwareKinds.IdentityOf(image));
        _firmware = image == FirmwareKind.Default ? new DefaultFirmware(this) : new EvaluationFirmware(this, image);
        _firmware.PowerOn();
        if (!Faults.Fires(SimulatedFault.TtyNeverUsable))
        {
            Schedule(Profile.ApplicationToTty, MarkTtyReady);
        }
    }

    private void MarkTtyReady()
    {
        if (_ttyReady)
        {
            return;
        }

        _ttyReady = true;
        Bus.MarkTtysUsable(_usb!);
    }

    private void MarkVolumeReady()
    {
        if (_volumeReady)
        {
            return;
        }

        _volumeReady = true;
        Bus.AttachDisk(_usb!);
    }

    private void Disconnect()
    {
        _scheduler.CancelAll();
        _rom.Reset();
        _firmware?.PowerOff();
        _firmware = null;
        _openPort?.MarkGone();
        _openPort = null;
        _dtr = false;
        _lineCoding = ProbeLineCoding;
        _received.Clear();
        _unsent.Clear();
        _ttyReady = false;
        _volumeReady = false;
        _mode = SimulatedBoardMode.Absent;
        if (_usb is { } usb)
        {
            _usb = null;
            Bus.Detach(usb);
        }
    }
}
