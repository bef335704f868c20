using System.Globalization;

namespace IceFarm.Bench.Boards;

/// <summary>
/// What <see cref="OverheadRun"/> measured: per evaluation the worker's time on top of the board's (the first of each
/// batch apart, since it also carries the command's trip over the bus), and per batch the total overhead divided by
/// the batch size, the figure iCEFARM was judged by.
/// </summary>
internal sealed record OverheadFigures(
    int Queued, List<double> Overheads, List<double> Firsts, List<double> Amortised, List<double> BoardTimes, List<double> Delivery, int WorkerPaced, int Failed, OverheadPhases Phases)
{
    public IReadOnlyList<double> All => [.. Overheads.Concat(Firsts).Order()];

    public void Print(string label, double goalMs, string icefarm)
    {
        var all = All;
        var rest = Overheads.Order().ToList();
        var delivery = Delivery.Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label} worker overhead per evaluation ({all.Count} evaluations in {Amortised.Count} batch(es) of {Queued}): " +
            $"p50 {Percentiles.Of(all, 50):F1} ms, p99 {Percentiles.Of(all, 99):F1} ms, mean {all.Average():F1} ms; " +
            $"amortised per batch (last result − send − board time) / {Queued}: mean {Amortised.Average():F1} ms " +
            $"(goal < {goalMs:F0} ms; iCEFARM {icefarm})"));
        var next = rest.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"next ones (result → next result): p50 {Percentiles.Of(rest, 50):F1} ms, p99 {Percentiles.Of(rest, 99):F1} ms, max {rest[^1]:F1} ms")
            : "no next ones";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}   first of a batch (send → result, incl. command over RabbitMQ): mean {Firsts.Average():F1} ms, max {Firsts.Max():F1} ms; {next}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}   board time per evaluation: mean {BoardTimes.Average():F1} ms (transfer the board reported + load + window); " +
            $"transfers paced by the worker's writes: {WorkerPaced}; failed: {Failed}; " +
            $"result → bench over RabbitMQ (not in the overhead): p50 {Percentiles.Of(delivery, 50):F1} ms, p99 {Percentiles.Of(delivery, 99):F1} ms"));
        Phases.Print(label);
    }
}
