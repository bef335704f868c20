namespace IceFarm.WorkerAgent.Simulation;

/// <summary>The BOOTSEL side of the board: the raw block device, the ROM's sector parsing, the reboot into what was accepted.</summary>
internal sealed partial class SimulatedBoard
{
    /// <summary>A raw write handle on the BOOTSEL partition if <paramref name="devicePath"/> is this board's; null otherwise.</summary>
    public Stream? TryOpenBlockDevice(string devicePath)
    {
        lock (_gate)
        {
            if (_mode != SimulatedBoardMode.Bootsel || !_volumeReady || devicePath != Bus.DevNode(_usb!.Disk! + "1"))
            {
                return null;
            }

            return Faults.Fires(SimulatedFault.BlockDeviceBusy)
                ? throw new IOException($"{devicePath}: Device or resource busy")
                : new SimulatedBootselStream(this, _devnum);
        }
    }

    /// <summary>Sectors reaching the ROM through a handle opened during enumeration <paramref name="epoch"/>.</summary>
    internal void WriteSectors(int epoch, ReadOnlySpan<byte> sectors)
    {
        lock (_gate)
        {
            if (epoch != _devnum || _mode != SimulatedBoardMode.Bootsel)
            {
                throw new IOException($"{VolumeName}: No such device (disconnected during the UF2 write)");
            }

            for (var offset = 0; offset + 512 <= sectors.Length; offset += 512)
            {
                if (offset == sectors.Length / 2 && Faults.Fires(SimulatedFault.UnplugDuringUf2Write))
                {
                    // The cable glitch: the partial download is lost and the board comes back with its old image.
                    Disconnect();
                    Schedule(Profile.RemoveToBootsel, () => Enumerate(bootsel: false));
                    throw new IOException("BOOTSEL drive: device disconnected during the UF2 write");
                }

                if (_rom.Accept(sectors.Slice(offset, 512)) is { } flash)
                {
                    Install(flash);
                }
            }
        }
    }

    private void Install(byte[] flash)
    {
        // What was fully accepted is now in flash; whether it boots is decided at the next reset.
        _installed = Faults.Fires(SimulatedFault.ImageDoesNotBoot) ? null : SimulatedFirmwareImages.Identify(flash);
        Schedule(Profile.LastBlockToReboot, () =>
        {
            Disconnect();
            Schedule(Profile.RebootToApplication, () => Enumerate(bootsel: false));
        });
    }

    /// <summary>The operator holds BOOTSEL and power-cycles the board (the only cure for a firmware that ignores the touch).</summary>
    public void PressBootsel()
    {
        lock (_gate)
        {
            Disconnect();
            Enumerate(bootsel: true);
        }
    }
}
