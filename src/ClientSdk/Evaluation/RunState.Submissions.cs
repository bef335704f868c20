using IceFarm.Contracts.Http;

namespace IceFarm.Client.Evaluation;

/// <summary>
/// Uploads: what each free board gets next, and what becomes of an upload when the farm answers. The board may have
/// been lost (or the lease ended) while the upload was on its way; its bitstreams then fail with the board's reason
/// instead of waiting for results that will never come.
/// </summary>
internal sealed partial class RunState
{
    /// <summary>
    /// Takes what each free board (usable, room in its window, no upload on its way) should get next; boards waiting for
    /// the same bitstreams share one upload. In throughput mode the shared queue is spread over the free boards (each
    /// takes at most its even share of what is left), so a short run does not fill the first boards' windows and leave
    /// the rest idle. Each board named is marked uploading until <see cref="UploadEnded"/>.
    /// </summary>
    public List<Submission> Plan(DateTimeOffset now)
    {
        lock (_gate)
        {
            var groups = new Dictionary<string, (List<int> Indices, List<string> Serials)>(StringComparer.Ordinal);
            var free = _boards.Values.Where(b => b.Usable && !b.Uploading && b.InFlight < _options.WindowPerBoard).ToList();
            for (var n = 0; n < free.Count; n++)
            {
                var board = free[n];
                var queue = _mode == EvaluationMode.AllBoards ? board.Queue : _shared;
                var share = _mode == EvaluationMode.AllBoards ? queue.Count : (queue.Count + free.Count - n - 1) / (free.Count - n);
                var take = Math.Min(_options.WindowPerBoard - board.InFlight, share);
                if (take == 0)
                {
                    continue;
                }

                var indices = _mode == EvaluationMode.AllBoards
                    ? Enumerable.Range(0, take).Select(_ => queue.Dequeue()).ToList()
                    : TakeShared(board, take);
                if (indices.Count == 0)
                {
                    continue;
                }

                take = indices.Count;
                if (board.InFlight == 0)
                {
                    board.LastProgress = now;
                }

                board.InFlight += take;
                board.Uploading = true;
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

    /// <summary>
    /// Up to <paramref name="take"/> bitstreams of the shared queue for <paramref name="board"/>: a bitstream whose board
    /// failed goes to another board while one is usable (the board that failed it may be breaking, and the farm's word on
    /// it may still be on its way), and back to the same board only when no other is left.
    /// </summary>
    private List<int> TakeShared(RunBoard board, int take)
    {
        var othersUsable = _boards.Values.Any(b => b != board && b.Usable);
        var taken = new List<int>(take);
        for (var left = _shared.Count; left > 0 && taken.Count < take; left--)
        {
            var index = _shared.Dequeue();
            if (othersUsable && _failedOn.TryGetValue(index, out var serial) && serial == board.Serial)
            {
                _shared.Enqueue(index);
                continue;
            }

            taken.Add(index);
        }

        return taken;
    }

    /// <summary>The farm answered <paramref name="submission"/> (or it failed): its boards may be planned again.</summary>
    public void UploadEnded(Submission submission)
    {
        lock (_gate)
        {
            foreach (var serial in submission.Serials)
            {
                _boards[serial].Uploading = false;
            }
        }
    }

    /// <summary>Records what the farm accepted (the caller registers the ids with the lease).</summary>
    public void Accepted(Submission submission, IReadOnlyList<AcceptedEvaluation> evaluations)
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
                if (!pending.TryGetValue((evaluation.Label, evaluation.Serial), out var queue) || !queue.TryDequeue(out var index))
                {
                    continue;
                }

                var board = _boards[evaluation.Serial];
                var attempt = _attempts.GetValueOrDefault(index) + 1;
                if (board.Lost is not null)
                {
                    Orphaned(index, evaluation.Id, board, attempt);
                }
                else
                {
                    _inFlight[evaluation.Id] = new InFlightEvaluation(index, evaluation.Serial, attempt);
                }
            }

            // Whatever the answer did not name is not queued on the farm: it must not be awaited.
            foreach (var ((_, serial), queue) in pending)
            {
                var board = _boards[serial];
                while (queue.TryDequeue(out var index))
                {
                    board.InFlight -= board.Lost is null ? 1 : 0;
                    Deliver(EvaluationResult.Failed(Guid.Empty, _bitstreams[index], serial, FailureCategory.Infrastructure, "the farm accepted the upload without queuing this bitstream"));
                }
            }
        }
    }

    /// <summary>An upload did not reach the farm: its bitstreams go back to the front of their queues (or fail, when their board is gone).</summary>
    public void Returned(Submission submission)
    {
        lock (_gate)
        {
            foreach (var board in submission.Serials.Select(s => _boards[s]))
            {
                if (board.Lost is not null)
                {
                    submission.Indices.ToList().ForEach(index => Orphaned(index, Guid.Empty, board, _attempts.GetValueOrDefault(index)));
                    continue;
                }

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
                board.InFlight -= board.Lost is null ? submission.Indices.Count : 0;
                foreach (var index in submission.Indices)
                {
                    Deliver(EvaluationResult.Failed(Guid.Empty, _bitstreams[index], board.Serial, category, reason));
                }
            }
        }
    }
}
