using IceFarm.Contracts.Devices;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Usb;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IceFarm.WorkerAgent.Tests.Support;

/// <summary>A simulated farm in its own sysfs tree, watched by the real supervisor through sysfs discovery and uevents.</summary>
internal sealed class FarmHarness : IAsyncDisposable
{
    private readonly SimulatedSysfsRoot _root;

    private FarmHarness(SimulatedSysfsRoot root, FakeTimeProvider clock, QuiescentScheduler scheduler, SimulatedFarm farm, BoardRegistry registry, RecordingPublisher events, BoardSupervisor supervisor)
    {
        _root = root;
        Clock = clock;
        Scheduler = scheduler;
        Farm = farm;
        Registry = registry;
        Events = events;
        Supervisor = supervisor;
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>Runs the supervisor and every actor, so the pump moves the clock only while all of them wait.</summary>
    public QuiescentScheduler Scheduler { get; }

    public SimulatedFarm Farm { get; }

    public BoardRegistry Registry { get; }

    public RecordingPublisher Events { get; }

    public BoardSupervisor Supervisor { get; }

    public static FarmHarness Create(int boards, BoardOptions? options = null)
    {
        var clock = TestBoards.Clock();
        var root = new SimulatedSysfsRoot("farm");
        var farm = SimulatedFarm.Create("farm-worker", boards, ActorHarness.Profile, clock, root.Path);
        var boardOptions = options ?? ActorHarness.FaultOptions();
        var discovery = new SysfsBoardDiscovery(root.Path, NullLogger<SysfsBoardDiscovery>.Instance);
        var transports = new SimulatedSerialTransportFactory(farm);
        var hardware = new BoardHardware(
            discovery, transports, new BlockDeviceBootloaderWriter(new SimulatedBlockDevices(farm)), new SimulatedFirmwareCatalog(), farm.Bus.Uevents);
        var flasher = new Uf2Flasher(discovery, transports, hardware.Writer, Options.Create(boardOptions), clock, NullLogger<Uf2Flasher>.Instance);
        var events = new RecordingPublisher();
        var scheduler = new QuiescentScheduler();
        var services = new BoardActorServices(
            ActorHarness.WorkerName, ["pulsecount", "variance"], boardOptions, flasher, hardware.Catalog, transports, events, clock, NullLoggerFactory.Instance)
        {
            Scheduler = scheduler,
        };
        var registry = new BoardRegistry();
        var supervisor = new BoardSupervisor(hardware, registry, services, Options.Create(boardOptions), clock, NullLogger<BoardSupervisor>.Instance);
        return new FarmHarness(root, clock, scheduler, farm, registry, events, supervisor);
    }

    public DeviceState? StateOf(SimulatedBoard board) => Registry.Find(board.Serial)?.Summary.State;

    public Task UntilAsync(Func<bool> condition, TimeSpan? step = null) => Clock.PumpWhenIdleUntilAsync(Scheduler, condition, step ?? TimeSpan.FromMilliseconds(5));

    public async Task StartAsync()
    {
        await Supervisor.StartAsync(CancellationToken.None);
        await UntilAsync(() => Registry.All.Count == Farm.Boards.Count && Registry.All.All(a => a.Summary.State == DeviceState.Available));
    }

    public async ValueTask DisposeAsync()
    {
        await Supervisor.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Supervisor.Dispose();
        _root.Dispose();
    }
}
