using IceFarm.WorkerAgent.Linux;
using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Usb;
using IceFarm.WorkerAgent.Workers;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>Builds the drivers: simulated boards in a sysfs tree of their own, or the Linux USB drivers over <c>/</c>.</summary>
internal static class BoardHardwareFactory
{
    /// <summary>The simulated boards of <paramref name="worker"/>, their sysfs tree under <paramref name="sysfsRoot"/>.</summary>
    public static SimulatedFarm SimulatedFarm(WorkerOptions worker, string sysfsRoot, TimeProvider time, ILoggerFactory loggers) =>
        Simulation.SimulatedFarm.Create(
            worker.Name, worker.SimulatedBoards, SimulationProfile.FromName(worker.SimulationProfile), time, sysfsRoot,
            loggers.CreateLogger<SimulatedBoard>());

    /// <summary>
    /// A new simulated farm of <paramref name="worker"/> and its drivers; the caller owns the farm (disposing it
    /// stops its boards' timers; a step that fails after its sysfs tree is gone is logged, not thrown).
    /// </summary>
    public static (BoardHardware Hardware, SimulatedFarm Farm) Simulated(
        WorkerOptions worker, string sysfsRoot, TimeProvider time, ILoggerFactory loggers)
    {
        var farm = SimulatedFarm(worker, sysfsRoot, time, loggers);
        return (Simulated(farm, sysfsRoot, loggers), farm);
    }

    /// <summary>The drivers of <paramref name="farm"/>, read through the same sysfs discovery as real boards.</summary>
    public static BoardHardware Simulated(SimulatedFarm farm, string sysfsRoot, ILoggerFactory loggers)
    {
        return new BoardHardware(
            new SysfsBoardDiscovery(sysfsRoot, loggers.CreateLogger<SysfsBoardDiscovery>()),
            new SimulatedSerialTransportFactory(farm),
            new BlockDeviceBootloaderWriter(new SimulatedBlockDevices(farm)),
            new SimulatedFirmwareCatalog(),
            farm.Bus.Uevents);
    }

    /// <summary>Real boards: sysfs under <see cref="BoardOptions.SysfsRoot"/>, System.IO.Ports, raw block writes, netlink or polling.</summary>
    public static BoardHardware Linux(BoardOptions boards, FirmwareOptions firmware, TimeProvider time, ILoggerFactory loggers)
    {
        var discovery = new SysfsBoardDiscovery(boards.SysfsRoot, loggers.CreateLogger<SysfsBoardDiscovery>());
        var hotplug = loggers.CreateLogger<HotplugUeventSource>();
        return new BoardHardware(
            discovery,
            new SerialPortTransportFactory(boards.CloseDeadline, time, loggers),
            new BlockDeviceBootloaderWriter(new FileBlockDeviceOpener()),
            new FileFirmwareCatalog(firmware, loggers.CreateLogger<FileFirmwareCatalog>()),
            new HotplugUeventSource(new NetlinkUeventSource(hotplug), new SysfsPollingUeventSource(discovery, boards.HotplugPollInterval, time), hotplug));
    }
}
