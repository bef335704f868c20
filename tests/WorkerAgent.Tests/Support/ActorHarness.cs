using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Usb;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IceFarm.WorkerAgent.Tests.Support;

/// <summary>One board actor over one simulated board (fast profile) on a fake clock, with recorded events.</summary>
internal sealed class ActorHarness : IAsyncDisposable
{
    public const string WorkerName = "test-worker";

    private readonly SimulatedSysfsRoot _root;

    private ActorHarness(SimulatedSysfsRoot root, FakeTimeProvider clock, SimulatedBoard board, RecordingPublisher events, QuiescentScheduler scheduler, BoardActorServices services)
    {
        _root = root;
        Clock = clock;
        Board = board;
        Events = events;
        Scheduler = scheduler;
        Actor = new BoardActor(board.Serial, board.PortName, services);
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>Where the actor runs; idle when the actor waits for its inbox, a port or the clock.</summary>
    public QuiescentScheduler Scheduler { get; }

    public SimulatedBoard Board { get; }

    public RecordingPublisher Events { get; }

    public BoardActor Actor { get; }

    public Guid ReservationId { get; } = Guid.NewGuid();

    /// <summary>Deadlines far beyond the fast profile's timings: the pump may run ahead of the actor.</summary>
    public static BoardOptions GenerousOptions() => new()
    {
        FlashDeadline = TimeSpan.FromMinutes(10),
        FlashPollInterval = TimeSpan.FromMilliseconds(1),
        SelfTestDeadline = TimeSpan.FromMinutes(1),
        ReadyDeadline = TimeSpan.FromMinutes(1),
        EvaluationDeadline = TimeSpan.FromMinutes(1),
    };

    /// <summary>
    /// The fast profile with a transfer watchdog the pump cannot outrun: fake time keeps passing while the
    /// actor writes the bitstream on another thread. The watchdog itself is covered by the transcript tests.
    /// </summary>
    public static SimulationProfile Profile { get; } = SimulationProfile.Fast with { TransferWatchdog = TimeSpan.FromMinutes(1) };

    /// <summary>Short deadlines for fault tests, so recovering takes few pump steps; still far above the fast profile's timings.</summary>
    public static BoardOptions FaultOptions() => new()
    {
        FlashDeadline = TimeSpan.FromSeconds(10),
        FlashPollInterval = TimeSpan.FromMilliseconds(1),
        SelfTestDeadline = TimeSpan.FromSeconds(2),
        ReadyDeadline = TimeSpan.FromSeconds(2),
        EvaluationDeadline = TimeSpan.FromSeconds(10),
        TouchRetryInterval = TimeSpan.FromSeconds(1),
    };

    public static ActorHarness Create(BoardOptions? options = null, Action<SimulatedBoard>? arrange = null, SimulationProfile? profile = null)
    {
        var clock = TestBoards.Clock();
        var root = new SimulatedSysfsRoot("test");
        var board = new SimulatedBoard("5A5A0123456789AB", FirmwareKind.Default, profile ?? Profile, clock, seed: 11, new SimulatedUsbBus(root.Path), "1-2");
        board.PlugIn();
        arrange?.Invoke(board);
        var farm = new SimulatedFarm([board]);
        var boardOptions = options ?? GenerousOptions();
        var discovery = new SysfsBoardDiscovery(root.Path, NullLogger<SysfsBoardDiscovery>.Instance);
        var transports = new SimulatedSerialTransportFactory(farm);
        var flasher = new Uf2Flasher(
            discovery, transports, new BlockDeviceBootloaderWriter(new SimulatedBlockDevices(farm)), Options.Create(boardOptions), clock, NullLogger<Uf2Flasher>.Instance);
        var events = new RecordingPublisher();
        var scheduler = new QuiescentScheduler();
        var services = new BoardActorServices(
            WorkerName, ["pulsecount", "variance"], boardOptions, flasher, new SimulatedFirmwareCatalog(), transports, events, clock, NullLoggerFactory.Instance)
        {
            Scheduler = scheduler,
        };
        return new ActorHarness(root, clock, board, events, scheduler, services);
    }

    public IReadOnlyList<DeviceState> States => [.. Events.Of<DeviceStateChanged>().Select(e => e.State)];

    public async Task UntilAsync(Func<bool> condition, TimeSpan? step = null)
    {
        try
        {
            await Clock.PumpWhenIdleUntilAsync(Scheduler, condition, step ?? TimeSpan.FromMilliseconds(1));
        }
        catch (TimeoutException ex)
        {
            // Say where the board got to: the state trail with reasons is what explains a hang.
            var trail = string.Join(" | ", Events.Of<DeviceStateChanged>().Select(e => $"{e.State}: {e.Reason}"));
            throw new TimeoutException($"{ex.Message}; board states: {trail}", ex);
        }
    }

    public async Task StartAsync()
    {
        Actor.Start();
        await UntilAsync(() => Actor.Summary.State == DeviceState.Available);
    }

    public async Task PrepareAsync(string kind, IReadOnlyDictionary<string, string>? args = null)
    {
        Actor.Enqueue(new PrepareBoard(new PrepareDevice(ReservationId, "client-1", Board.Serial, kind, args ?? new Dictionary<string, string>())));
        await UntilAsync(() => Events.Of<DeviceInitialized>().Count > 0);
    }

    public EvaluateBitstream Evaluation(byte[] bitstream, Guid? reservationId = null) => new(
        reservationId ?? ReservationId, "client-1", Guid.NewGuid(), Guid.NewGuid(), Board.Serial, "design.bin", bitstream);

    /// <summary>Queues the evaluations and pumps until each has its one outcome.</summary>
    public async Task EvaluateAsync(params EvaluateBitstream[] evaluations)
    {
        foreach (var evaluation in evaluations)
        {
            Actor.Enqueue(new EvaluateOnBoard(evaluation));
        }

        var ids = evaluations.Select(e => e.EvaluationId).ToHashSet();
        await UntilAsync(() =>
            Events.Of<EvaluationCompleted>().Count(e => ids.Contains(e.EvaluationId))
            + Events.Of<EvaluationFailed>().Count(e => ids.Contains(e.EvaluationId)) == ids.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await Actor.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        _root.Dispose();
    }
}
