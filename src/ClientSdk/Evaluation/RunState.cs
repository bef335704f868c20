using System.Threading.Channels;

namespace IceFarm.Client.Evaluation;

/// <summary>
/// The bookkeeping of one evaluation run under one lock: what waits, what is in flight on which board, what was
/// delivered. Every evaluation ends in exactly one delivered result or failure; anything else is dropped as a duplicate.
/// Uploads are in <c>RunState.Submissions.cs</c>, the boards' fortunes and deadlines in <c>RunState.Boards.cs</c>.
/// </summary>
internal sealed partial class RunState
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<Bitstream> _bitstreams;
    private readonly EvaluationMode _mode;
    private readonly EvaluationOptions _options;
    private readonly Dictionary<string, RunBoard> _boards;
    private readonly Queue<int> _shared = new();
    private readonly Dictionary<Guid, InFlightEvaluation> _inFlight = [];
    private readonly Dictionary<int, int> _attempts = [];
    private readonly Dictionary<int, string> _failedOn = [];
    private readonly Channel<EvaluationResult> _output = Channel.CreateUnbounded<EvaluationResult>(new() { SingleReader = true });
    private readonly int _expected;
    private int _delivered;
    private bool _faulted;

    public RunState(IReadOnlyList<Bitstream> bitstreams, EvaluationMode mode, EvaluationOptions options, IEnumerable<LeaseDevice> devices, DateTimeOffset now)
    {
        _bitstreams = bitstreams;
        _mode = mode;
        _options = options;
        _boards = devices.ToDictionary(d => d.Serial, d => new RunBoard(d.Serial, d.State, now), StringComparer.Ordinal);
        var indices = Enumerable.Range(0, bitstreams.Count);
        if (mode == EvaluationMode.AllBoards)
        {
            foreach (var board in _boards.Values)
            {
                board.Queue = new Queue<int>(indices);
            }

            _expected = bitstreams.Count * _boards.Count;
        }
        else
        {
            indices.ToList().ForEach(_shared.Enqueue);
            _expected = bitstreams.Count;
        }

        if (_expected == 0)
        {
            _output.Writer.TryComplete();
        }
    }

    public ChannelReader<EvaluationResult> Results => _output.Reader;

    public bool Done
    {
        get
        {
            lock (_gate)
            {
                return _faulted || _delivered >= _expected;
            }
        }
    }

    public IReadOnlyCollection<Guid> InFlightIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _inFlight.Keys];
            }
        }
    }

    /// <summary>The run cannot go on (an unexpected error): the caller's enumeration throws it, and the run is done.</summary>
    public void Fault(Exception error)
    {
        lock (_gate)
        {
            _faulted = true;
        }

        _output.Writer.TryComplete(error);
    }

    /// <summary>
    /// A result or failure from the stream; false when it is not (or no longer) awaited. <paramref name="boardBack"/> is
    /// true when a value from a board being rebooted shows it is back: the farm keeps a rebooted board's reservation
    /// state, so no <c>device-ready</c> need follow a reboot.
    /// </summary>
    public bool Completed(Outcome outcome, DateTimeOffset now, out bool boardBack)
    {
        boardBack = false;
        lock (_gate)
        {
            if (!_inFlight.Remove(outcome.EvaluationId, out var evaluation))
            {
                return false;
            }

            var board = _boards[evaluation.Serial];
            board.InFlight--;
            board.LastProgress = now;
            board.RebootsWithoutResult = 0;
            if (board.State == DeviceState.Rebooting && board.Lost is null && outcome.Failure is null)
            {
                board.State = DeviceState.Ready;
                board.Since = now;
                boardBack = true;
            }

            if (_mode == EvaluationMode.AnyBoard && outcome.Failure?.Category == FailureCategory.Device && evaluation.Attempt < 2 && AnyUsableBoard())
            {
                // Throughput mode owes the caller one value per bitstream: a board's fault earns it a second board.
                _attempts[evaluation.Index] = evaluation.Attempt;
                _failedOn[evaluation.Index] = evaluation.Serial;
                _shared.Enqueue(evaluation.Index);
                return true;
            }

            Deliver(new EvaluationResult(outcome.EvaluationId, _bitstreams[evaluation.Index], outcome.Serial, outcome.Pulses, outcome.Variance, outcome.Failure));
            return true;
        }
    }

    private bool AnyUsableBoard() => _boards.Values.Any(b => b.Usable || (b.Lost is null && b.State == DeviceState.Rebooting));

    /// <summary>
    /// A bitstream whose board is gone: in throughput mode it waits for another board while one is left; otherwise it
    /// fails now with the board's reason. Callers hold the lock.
    /// </summary>
    private void Orphaned(int index, Guid evaluationId, RunBoard board, int attempt)
    {
        if (_mode == EvaluationMode.AnyBoard && AnyUsableBoard())
        {
            _attempts[index] = attempt;
            _failedOn[index] = board.Serial;
            _shared.Enqueue(index);
            return;
        }

        Deliver(EvaluationResult.Failed(evaluationId, _bitstreams[index], board.Serial, board.Lost!.Category, board.Lost.Reason));
    }

    private void Deliver(EvaluationResult result)
    {
        _output.Writer.TryWrite(result);
        if (++_delivered >= _expected)
        {
            _output.Writer.TryComplete();
        }
    }
}
