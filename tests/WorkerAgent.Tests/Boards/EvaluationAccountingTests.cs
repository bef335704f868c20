using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Tests.Support;

namespace IceFarm.WorkerAgent.Tests.Boards;

/// <summary>Every queued evaluation ends in exactly one result or one failure, whatever ends the board's work.</summary>
public sealed class EvaluationAccountingTests
{
    private static readonly int[] Frequencies = [1000, 2000, 4000];

    [Fact]
    public async Task WorkerStoppingWithEvaluationsQueuedAndInFlight_FailsEachOneOnce()
    {
        await using var harness = ActorHarness.Create();
        await harness.StartAsync();
        await harness.PrepareAsync("pulsecount");
        var evaluations = Frequencies.Select(hz => harness.Evaluation(BitstreamGenerator.Generate(new CircuitDesign(hz)))).ToArray();

        // The clock stands still: the first evaluation waits for its transfer, the others wait in the inbox.
        foreach (var evaluation in evaluations)
        {
            harness.Actor.Enqueue(new EvaluateOnBoard(evaluation));
        }

        await harness.Actor.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(harness.Events.Of<EvaluationCompleted>());
        var failures = harness.Events.Of<EvaluationFailed>();
        Assert.Equal(evaluations.Select(e => e.EvaluationId).Order(), failures.Select(f => f.EvaluationId).Order());
        Assert.All(failures, f => Assert.Equal(FailureCategory.Infrastructure, f.Category));
        Assert.All(failures, f => Assert.Contains($"worker {ActorHarness.WorkerName} stopped", f.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReservationEndingWithEvaluationsQueued_GivesEachExactlyOneOutcome()
    {
        await using var harness = ActorHarness.Create();
        await harness.StartAsync();
        await harness.PrepareAsync("pulsecount");
        var before = harness.Evaluation(BitstreamGenerator.Generate(new CircuitDesign(2000)));
        var after = harness.Evaluation(BitstreamGenerator.Generate(new CircuitDesign(4000)));

        harness.Actor.Enqueue(new EvaluateOnBoard(before));
        harness.Actor.Enqueue(new ReleaseBoard(new ReleaseDevice(harness.ReservationId, harness.Board.Serial, "expired")));
        harness.Actor.Enqueue(new EvaluateOnBoard(after));
        await harness.UntilAsync(() =>
            harness.Events.Of<EvaluationCompleted>().Count + harness.Events.Of<EvaluationFailed>().Count == 2
            && harness.Actor.Summary.State == DeviceState.Available);

        var completed = Assert.Single(harness.Events.Of<EvaluationCompleted>());
        Assert.Equal(before.EvaluationId, completed.EvaluationId);
        Assert.InRange(completed.Value.Pulses!.Value, 1994, 2000);
        Assert.NotEmpty(completed.Telemetry!.FlashTimesMicroseconds);
        var failed = Assert.Single(harness.Events.Of<EvaluationFailed>());
        Assert.Equal(after.EvaluationId, failed.EvaluationId);
        Assert.Contains($"not serving reservation {harness.ReservationId}", failed.Reason, StringComparison.Ordinal);
    }
}
