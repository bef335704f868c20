using IceFarm.Client.Evaluation;
using IceFarm.Contracts.Http;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>
/// The run's bookkeeping when a board is lost (or the lease ends) while an upload to it is on its way: whatever the
/// farm answers, those bitstreams fail with the board's reason instead of being awaited forever.
/// </summary>
public sealed class RunStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly LeaseDevice[] TwoBoards = [new("A", "w", DeviceState.Ready), new("B", "w", DeviceState.Ready)];

    [Theory]
    [InlineData(EvaluationMode.AllBoards)]
    [InlineData(EvaluationMode.AnyBoard)]
    public void An_upload_accepted_after_its_boards_were_lost_fails_and_the_run_is_done(EvaluationMode mode)
    {
        var state = NewState(mode, 6);
        var submissions = state.Plan(Now);

        LoseAll(state);
        foreach (var submission in submissions)
        {
            state.Accepted(submission, [.. submission.Serials.SelectMany(s => submission.Indices.Select(i => new AcceptedEvaluation(Guid.NewGuid(), $"b{i}", s)))]);
        }

        AssertAllFailedAndDone(state, mode == EvaluationMode.AllBoards ? 12 : 6);
    }

    [Theory]
    [InlineData(EvaluationMode.AllBoards)]
    [InlineData(EvaluationMode.AnyBoard)]
    public void An_upload_returned_after_its_boards_were_lost_fails_and_the_run_is_done(EvaluationMode mode)
    {
        var state = NewState(mode, 6);
        var submissions = state.Plan(Now);

        LoseAll(state);
        submissions.ForEach(state.Returned);

        AssertAllFailedAndDone(state, mode == EvaluationMode.AllBoards ? 12 : 6);
    }

    [Fact]
    public void In_throughput_mode_an_upload_to_a_lost_board_moves_to_the_board_that_is_left()
    {
        var state = NewState(EvaluationMode.AnyBoard, 4);
        var planned = state.Plan(Now);
        var toA = planned.Single(s => s.Serials.Contains("A"));

        state.BoardLost("A", FailureCategory.Device, "board A failed");
        planned.ForEach(state.Returned);
        planned.ForEach(state.UploadEnded);

        var next = state.Plan(Now);
        Assert.Contains(next, s => s.Serials.Contains("B") && s.Indices.Intersect(toA.Indices).Any());
        Assert.False(state.Results.TryRead(out _));
    }

    [Fact]
    public void A_rebooted_board_that_delivers_a_value_is_back_without_a_device_ready_and_is_not_given_up()
    {
        var state = NewState(EvaluationMode.AllBoards, 4);
        var toA = state.Plan(Now).Single(s => s.Serials.Contains("A"));
        var ids = toA.Indices.Select(_ => Guid.NewGuid()).ToList();
        state.Accepted(toA, [.. toA.Indices.Select((i, n) => new AcceptedEvaluation(ids[n], $"b{i}", "A"))]);
        var silent = Now + new EvaluationOptions().ResultDeadline + TimeSpan.FromSeconds(1);
        Assert.Contains("A", state.CheckDeadlines(silent).Reboot);

        Assert.True(state.Completed(new Outcome(ids[0], "A", 1_000, null, null), silent, out var back));
        Assert.True(state.Completed(new Outcome(ids[1], "A", 1_000, null, null), silent, out _));

        Assert.True(back);
        var (reboot, giveUp) = state.CheckDeadlines(silent + new EvaluationOptions().RebootDeadline + TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(giveUp, g => g.Serial == "A");
        Assert.DoesNotContain("A", reboot);
    }

    [Fact]
    public void In_throughput_mode_the_first_pass_spreads_the_bitstreams_over_every_free_board()
    {
        var boards = Enumerable.Range(0, 8).Select(n => new LeaseDevice($"S{n}", "w", DeviceState.Ready)).ToList();
        var state = new RunState([.. Enumerable.Range(0, 17).Select(i => new Bitstream($"b{i}", new byte[] { 1 }))], EvaluationMode.AnyBoard,
            new EvaluationOptions { WindowPerBoard = 4 }, boards, Now);

        var planned = state.Plan(Now);

        // 17 over 8 boards: one board gets 3, the others 2 each, instead of four full windows of 4 and four idle boards.
        Assert.Equal(boards.Select(b => b.Serial).Order(), planned.SelectMany(s => s.Serials).Order());
        Assert.Equal([2, 2, 2, 2, 2, 2, 2, 3], planned.Select(s => s.Indices.Count).Order());
        Assert.Equal(Enumerable.Range(0, 17), planned.SelectMany(s => s.Indices).Order());
    }

    [Fact]
    public void A_board_with_an_upload_on_its_way_gets_no_other_until_it_is_answered()
    {
        var state = NewState(EvaluationMode.AnyBoard, 12);
        var first = state.Plan(Now);
        var toA = first.Single(s => s.Serials.Contains("A"));
        var ids = toA.Indices.Select(_ => Guid.NewGuid()).ToList();
        state.Accepted(toA, [.. toA.Indices.Select((i, n) => new AcceptedEvaluation(ids[n], $"b{i}", "A"))]);
        Assert.True(state.Completed(new Outcome(ids[0], "A", 1_000, null, null), Now, out _));

        // A has room again but its upload is not answered yet (as far as the run knows): nothing more for it.
        Assert.Empty(state.Plan(Now));

        state.UploadEnded(toA);
        var next = Assert.Single(state.Plan(Now));
        Assert.Equal(["A"], next.Serials);
        Assert.Single(next.Indices);
    }

    private static RunState NewState(EvaluationMode mode, int count) =>
        new([.. Enumerable.Range(0, count).Select(i => new Bitstream($"b{i}", new byte[] { 1 }))], mode, new EvaluationOptions { WindowPerBoard = 2 }, TwoBoards, Now);

    private static void LoseAll(RunState state)
    {
        state.BoardLost("A", FailureCategory.Infrastructure, "reservation ended (drained)");
        state.BoardLost("B", FailureCategory.Infrastructure, "reservation ended (drained)");
    }

    private static void AssertAllFailedAndDone(RunState state, int expected)
    {
        var results = new List<EvaluationResult>();
        while (state.Results.TryRead(out var result))
        {
            results.Add(result);
        }

        Assert.Equal(expected, results.Count);
        Assert.All(results, r => Assert.Equal("reservation ended (drained)", r.FailureReason));
        Assert.True(state.Done);
        Assert.True(state.Results.Completion.IsCompleted);
    }
}
