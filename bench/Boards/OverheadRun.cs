using IceFarm.Contracts.Evaluations;

namespace IceFarm.Bench.Boards;

/// <summary>
/// Batches of evaluations queued at once on one board; per evaluation, the time the worker adds to the board's own
/// time. The first of a batch counts from the bench's send (command over the bus, consumer, actor), each next one
/// from the previous result (the gap between two results on a busy board), both to the worker's result stamp.
/// </summary>
internal static class OverheadRun
{
    public static async Task<OverheadFigures> RunAsync(BenchWorker worker, BoardTime board, Guid reservationId, string serial, byte[][] bitstreams, int queued, PortTimeline? timeline = null)
    {
        var overheads = new List<double>();
        var boardTimes = new List<double>();
        var delivery = new List<double>();
        var firsts = new List<double>();
        var amortised = new List<double>();
        var phases = new OverheadPhases();
        var workerPaced = 0;
        var failed = 0;
        for (var start = 0; start + queued <= bitstreams.Length; start += queued)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var batch = Guid.NewGuid();
            var sent = TimeProvider.System.GetUtcNow();
            var ids = new List<Guid>(queued);
            for (var i = start; i < start + queued; i++)
            {
                var evaluation = new EvaluateBitstream(reservationId, "bench", batch, Guid.NewGuid(), serial, $"design-{i}.bin", bitstreams[i]);
                ids.Add(evaluation.EvaluationId);
                await worker.SendAsync(evaluation, deadline.Token);
            }

            await worker.Log.UntilAsync(() => ids.All(id => worker.Log.Find(id) is not null), TimeSpan.FromMinutes(5), $"{queued} evaluations");
            var outcomes = ids.Select(id => worker.Log.Find(id)!).OrderBy(o => o.WorkerAt).ToList();
            var previous = sent;
            var batchBoard = TimeSpan.Zero;
            foreach (var outcome in outcomes)
            {
                delivery.Add((outcome.ReceivedAt - outcome.WorkerAt).TotalMilliseconds);
                if (outcome.Completed is not { } completed)
                {
                    failed++;
                    previous = outcome.WorkerAt;
                    continue;
                }

                var own = board.Of(completed);
                batchBoard += own;
                workerPaced += board.WorkerPaced(completed) ? 1 : 0;
                boardTimes.Add(own.TotalMilliseconds);
                var overhead = (outcome.WorkerAt - previous - own).TotalMilliseconds;
                (previous == sent ? firsts : overheads).Add(overhead);
                if (previous == sent && timeline?.Last(PortMark.FirstByteWritten, sent, outcome.WorkerAt) is { } firstOfBatch)
                {
                    phases.AddFirst(sent, firstOfBatch);
                }

                if (previous != sent && timeline is not null
                    && timeline.Last(PortMark.FirstByteWritten, previous, outcome.WorkerAt) is { } first
                    && timeline.Last(PortMark.LastByteWritten, previous, outcome.WorkerAt) is { } last
                    && timeline.Last(PortMark.ResultRead, previous, outcome.WorkerAt) is { } read)
                {
                    phases.Add(previous, first, last, read, outcome.WorkerAt, own);
                }

                previous = outcome.WorkerAt;
            }

            amortised.Add((outcomes[^1].WorkerAt - sent - batchBoard).TotalMilliseconds / queued);
        }

        return new OverheadFigures(queued, overheads, firsts, amortised, boardTimes, delivery, workerPaced, failed, phases);
    }
}
