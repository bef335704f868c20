using System.Threading.Channels;

namespace IceFarm.Client.Evaluation;

/// <summary>
/// The bookkeeping of one evaluation run under one lock: what waits, what is in flight on which board, what was
/// delivered. Every evaluation ends in exactly one delivered result or failure; anything else is dropped as a duplicate.
/// </summary>
internal sealed class RunState
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<Bitstream> _bitstreams;
    private readonly EvaluationMode _mode;
    private readonly EvaluationOptions _options;
    private readonly Dictionary<string, RunBoard> _boards;
    private readonly Queue<int> _shared = new();
    private readonly Dictionary<Guid, InFlightEvaluation> _inFlight = [];
    private readonly Dictionary<int, int> _attempts = [];
    private readonly Channel<EvaluationResult> _output = Channel.CreateUnbounded<EvaluationResult>(new() { SingleReader = true });
    private readonly int _expected;
    private int _delivered;

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
                return _delivered >= _expected;
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

    public void Fault(Exception error) => _output.Writer.TryComplete(error);

    /// <summary>Takes what each free board should get next; boards waiting for the same bitstreams share one upload.</summary>
    public List<Submission> Plan(DateTimeOffset now)
    {
        lock (_gate)
        {
            var groups = new Dictionary<string, (List<int> Indices, List<string> Serials)>(StringComparer.Ordinal);
            foreach (var board in _boards.Values.Where(b => b.Usable && b.InFlight < _options.WindowPerBoard))
            {
                var queue = _mode == EvaluationMode.AllBoards ? board.Queue : _shared;
                var take = Math.Min(_options.WindowPerBoard - board.InFlight, queue.Count);
                if (take == 0)
                {
                    continue;
                }

                var indices = Enumerable.Range(0, take).Select(_ => queue.Dequeue()).ToList();
                if (board.InFlight == 0)
                {
                    board.LastProgress = now;
                }

                board.InFlight += take;
                var key = _mode == EvaluationMode.AllBoards ? string.Join(',', indices) : board.Serial;
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = (indices, []);
                }

                group.Serials.Add(board.Serial);
            }

            return [.. groups.Values.Select(g => new Submission(g.Indices, g.Serials))];
        }
    }

    /// <summary>Records what the farm accepted; returns nothing (the ids are registered with the lease by the caller).</summary>
    public void Accepted(Submission submission, IReadOnlyList<Contracts.Http.AcceptedEvaluation> evaluations)
    {
        lock (_gate)
        {
            // The answer names label and board; equal labels map back in submission order.
            var pending = submission.Serials
                .SelectMany(serial => submission.Indices.Select(index => (Key: (_bitstreams[index].Label, serial), Index: index)))
                .GroupBy(p => p.Key)
                .ToDictionary(g => g.Key, g => new Queue<int>(g.Select(p => p.Index)));
            foreach (var evaluation in evaluations)
            {
                if (pending.TryGetValue((evaluation.Label, evaluation.Serial), out var queue) && queue.TryDequeue(out var index))
                {
                    _inFlight[evaluation.Id] = new InFlightEvaluation(index, evaluation.Serial, _attempts.GetValueOrDefault(index) + 1);
                }
            }
        }
    }

    /// <summary>An upload did not reach the farm: its bitstreams go back to the front of their queues.</summary>
    public void Returned(Submission submission)
    {
        lock (_gate)
        {
            foreach (var board in submission.Serials.Select(s => _boards[s]))
            {
                board.InFlight -= submission.Indices.Count;
                if (_mode == EvaluationMode.AllBoards)
                {
                    board.Queue = new Queue<int>(submission.Indices.Concat(board.Queue));
                }
                else
                {
                    submission.Indices.ToList().ForEach(_shared.Enqueue);
                }
            }
        }
    }

    /// <summary>The farm refused an upload outright: each of its evaluations fails with the farm's reason.</summary>
    public void Refused(Submission submission, FailureCategory category, string reason)
    {
        lock (_gate)
        {
            foreach (var board in submission.Serials.Select(s => _boards[s]))
            {
                board.InFlight -= submission.Indices.Count;
                foreach (var index in submission.Indices)
                {
                    Deliver(EvaluationResult.Failed(Guid.Empty, _bitstreams[index], board.Serial, category, reason));
                }
            }
        }
    }

    /// <summary>A result or failure from the stream; false when it is not (or no longer) awaited.</summary>
    public bool Completed(Outcome outcome, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_inFlight.Remove(outcome.EvaluationId, out var evaluation))
            {
                return false;
            }

            var board = _boards[evaluation.Serial];
            board.InFlight--;
            board.LastProgress = now;
            if (_mode == EvaluationMode.AnyBoard && outcome.Failure?.Category == FailureCategory.Device && evaluation.Attempt < 2 && AnyUsableBoard())
            {
                // Throughput mode owes the caller one value per bitstream: a board's fault earns it a second board.
                _attempts[evaluation.Index] = evaluation.Attempt;
                _shared.Enqueue(evaluation.Index);
                return true;
            }

            Deliver(new EvaluationResult(outcome.EvaluationId, _bitstreams[evaluation.Index], outcome.Serial, outcome.Pulses, outcome.Variance, outcome.Failure));
            return true;
        }
    }

    public void BoardReady(string serial, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_boards.TryGetValue(serial, out var board) && board.State is DeviceState.Preparing or DeviceState.Rebooting)
            {
                board.State = DeviceState.Ready;
                board.LastProgress = now;
                board.Since = now;
            }
        }
    }

    /// <summary>A board is gone for this run: what it held fails, or (throughput mode) moves to the other boards.</summary>
    public void BoardLost(string serial, FailureCategory category, string reason)
    {
        lock (_gate)
        {
            if (!_boards.TryGetValue(serial, out var board) || board.State is DeviceState.Failed or DeviceState.Released)
            {
                return;
            }

            board.State = DeviceState.Failed;
            board.InFlight = 0;
            foreach (var (id, evaluation) in _inFlight.Where(e => e.Value.Serial == serial).ToList())
            {
                _inFlight.Remove(id);
                if (_mode == EvaluationMode.AnyBoard && AnyUsableBoard())
                {
                    _attempts[evaluation.Index] = evaluation.Attempt;
                    _shared.Enqueue(evaluation.Index);
                }
                else
                {
                    Deliver(EvaluationResult.Failed(id, _bitstreams[evaluation.Index], serial, category, reason));
                }
            }

            var orphans = _mode == EvaluationMode.AllBoards ? board.Queue : AnyUsableBoard() ? new Queue<int>() : _shared;
            while (orphans.TryDequeue(out var index))
            {
                Deliver(EvaluationResult.Failed(Guid.Empty, _bitstreams[index], serial, category, reason));
            }
        }
    }

    /// <summary>Boards past a deadline: those to reboot now, and those to give up on.</summary>
    public (List<string> Reboot, List<(string Serial, string Reason)> GiveUp) CheckDeadlines(DateTimeOffset now)
    {
        lock (_gate)
        {
            var reboot = new List<string>();
            var giveUp = new List<(string, string)>();
            foreach (var board in _boards.Values)
            {
                if (board.State == DeviceState.Ready && board.InFlight > 0 && now - board.LastProgress > _options.ResultDeadline)
                {
                    board.State = DeviceState.Rebooting;
                    board.Since = now;
                    reboot.Add(board.Serial);
                }
                else if (board.State == DeviceState.Rebooting && now - board.Since > _options.RebootDeadline)
                {
                    giveUp.Add((board.Serial, $"board {board.Serial} gave no result for {_options.ResultDeadline.TotalSeconds:0.#} s and was not ready again within {_options.RebootDeadline.TotalSeconds:0.#} s of a reboot"));
                }
                else if (board.State == DeviceState.Preparing && now - board.Since > _options.PrepareDeadline)
                {
                    giveUp.Add((board.Serial, $"board {board.Serial} was not ready within {_options.PrepareDeadline.TotalSeconds:0.#} s"));
                }
            }

            return (reboot, giveUp);
        }
    }

    private bool AnyUsableBoard() => _boards.Values.Any(b => b.Usable || b.State == DeviceState.Rebooting);

    private void Deliver(EvaluationResult result)
    {
        _output.Writer.TryWrite(result);
        if (++_delivered >= _expected)
        {
            _output.Writer.TryComplete();
        }
    }
}
