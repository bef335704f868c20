using System.Threading.Channels;
using IceFarm.Contracts;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Evaluation;
using IceFarm.WorkerAgent.Protocol;
using Microsoft.Extensions.Logging;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>
/// The single owner of one board: one loop reads commands from a channel and runs them one at a time,
/// so flashing, serving and releasing never overlap and evaluations run in arrival order.
/// </summary>
internal sealed partial class BoardActor : IAsyncDisposable
{
    private readonly Channel<BoardCommand> _inbox = Channel.CreateUnbounded<BoardCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly BoardLifecycle _lifecycle = new();
    private readonly BoardActorServices _services;
    private readonly BoardOptions _options;
    private readonly EvaluationRunner _runner;
    private readonly ILogger _logger;
    private DeviceHealth _health = DeviceHealth.Unknown;
    private BoardReservation? _reservation;
    private FirmwareSession? _session;
    private string? _portName;
    private volatile DeviceSummary _summary;
    private Task _loop = Task.CompletedTask;
    private int _disposed;

    /// <summary>Creates the actor of board <paramref name="serial"/>; <see cref="Start"/> runs it.</summary>
    public BoardActor(string serial, string? portName, BoardActorServices services)
    {
        Serial = serial;
        _portName = portName;
        _services = services;
        _options = services.Options;
        _logger = services.Loggers.CreateLogger<BoardActor>();
        _runner = new EvaluationRunner(_options, services.Time, _logger);
        _summary = new DeviceSummary(serial, DeviceState.Discovered, DeviceHealth.Unknown, null, null);
    }

    /// <summary>The board's USB serial.</summary>
    public string Serial { get; }

    /// <summary>The board as the heartbeat reports it; safe to read from any thread.</summary>
    public DeviceSummary Summary => _summary;

    /// <summary>Starts the loop and asks it to bring the board to Available.</summary>
    public void Start()
    {
        _loop = Task.Factory.StartNew(
            () => RunAsync(_stopping.Token), CancellationToken.None, TaskCreationOptions.DenyChildAttach, _services.Scheduler).Unwrap();
        Enqueue(new StartBoard());
    }

    /// <summary>Queues a command behind those already waiting; false once the actor stopped.</summary>
    public bool Enqueue(BoardCommand command) => _inbox.Writer.TryWrite(command);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _inbox.Writer.TryComplete();
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked for.
        }

        // Every queued evaluation still ends in exactly one outcome, even when the worker stops first.
        while (_inbox.Reader.TryRead(out var command))
        {
            if (command is EvaluateOnBoard evaluate)
            {
                await FailEvaluationAsync(
                    evaluate.Message, FailureCategory.Infrastructure, $"worker {_services.WorkerName} stopped before the evaluation ran", CancellationToken.None);
            }
        }

        await CloseSessionAsync();
        _stopping.Dispose();
        _present.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        await foreach (var command in _inbox.Reader.ReadAllAsync(stopping))
        {
            // Each step runs until the host stops or the board leaves USB, whichever comes first.
            using var step = CancellationTokenSource.CreateLinkedTokenSource(stopping, PresenceToken());
            try
            {
                await HandleAsync(command, step.Token, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                if (command is EvaluateOnBoard running)
                {
                    await FailEvaluationAsync(
                        running.Message, FailureCategory.Infrastructure, $"worker {_services.WorkerName} stopped during the evaluation", CancellationToken.None);
                }

                return;
            }
            catch (OperationCanceledException) when (step.IsCancellationRequested)
            {
                // Unplugged mid-step: the work it was doing ends now, explicitly; BoardUnplugged follows.
                _logger.LogInformation("Board {Serial} left USB during {Command}", Serial, command.GetType().Name);
                if (command is EvaluateOnBoard evaluate)
                {
                    await FailEvaluationAsync(evaluate.Message, FailureCategory.Device, $"board {Serial} was unplugged during the evaluation", stopping);
                }
            }
            catch (Exception ex)
            {
                // One bad command must not kill the board's owner: report, park the board, keep reading.
                _logger.LogError(ex, "Board {Serial} failed handling {Command}", Serial, command.GetType().Name);
                if (command is EvaluateOnBoard evaluate)
                {
                    await FailEvaluationAsync(evaluate.Message, FailureCategory.Infrastructure, $"worker error: {ex.Message}", stopping);
                }

                await BreakAsync($"worker error while handling {command.GetType().Name}: {ex.Message}", stopping);
            }
        }
    }

    private Task HandleAsync(BoardCommand command, CancellationToken cancellationToken, CancellationToken stopping) => command switch
    {
        StartBoard => StartBoardAsync(cancellationToken),
        PrepareBoard prepare => PrepareAsync(prepare.Message, cancellationToken),
        EvaluateOnBoard evaluate => EvaluateAsync(evaluate.Message, 1, cancellationToken),
        ReleaseBoard release => ReleaseAsync(release.Message, cancellationToken),
        RebootBoard reboot => RebootAsync(reboot.RequestedBy, cancellationToken),
        CheckBoardHealth => CheckIdleBoardAsync(cancellationToken),
        BoardUnplugged unplugged => GoOfflineAsync(unplugged.Reason, stopping),
        BoardReplugged replugged => ComeBackAsync(replugged, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "unknown board command"),
    };

    private async Task MoveToAsync(DeviceState state, string reason, CancellationToken cancellationToken)
    {
        var from = _lifecycle.State;
        _lifecycle.MoveTo(state, reason);
        _health = state switch
        {
            DeviceState.Broken => DeviceHealth.Bad,
            DeviceState.Available => DeviceHealth.Good,
            _ => _health,
        };
        if (state == DeviceState.Broken)
        {
            NoteBroken();
        }

        _summary = new DeviceSummary(Serial, state, _health, _reservation?.ReservationId, _reservation?.Kind) { Reason = reason };
        _logger.LogInformation("Board {Serial}: {From} → {State} ({Reason})", Serial, from, state, reason);
        await PublishAsync(
            new DeviceStateChanged(_services.WorkerName, Serial, state, _health, reason, _reservation?.ReservationId, Now),
            cancellationToken);
    }

    private async Task BreakAsync(string reason, CancellationToken cancellationToken)
    {
        await CloseSessionAsync();
        if (_lifecycle.CanMoveTo(DeviceState.Broken))
        {
            await MoveToAsync(DeviceState.Broken, reason, cancellationToken);
        }
        else
        {
            _logger.LogWarning("Board {Serial} stays {State}; it would have broken because: {Reason}", Serial, _lifecycle.State, reason);
        }
    }

    private async Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : class, IMessage
    {
        try
        {
            await _services.Publisher.PublishAsync(message, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The next heartbeat carries the board's state, so the service still converges.
            _logger.LogWarning(ex, "Board {Serial} could not publish {Message}", Serial, typeof(T).Name);
        }
    }

    private async Task CloseSessionAsync()
    {
        if (_session is { } session)
        {
            _session = null;
            await session.DisposeAsync();
        }
    }

    private DateTimeOffset Now => _services.Time.GetUtcNow();
}
