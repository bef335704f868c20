using IceFarm.Client.Evaluation;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>
/// A board that stops answering, against <see cref="FakeFarm"/> (the simulator has no fault injection yet): the SDK
/// reboots it through the API after the result deadline and fails its evaluations explicitly if it does not come back.
/// </summary>
public sealed class DeadlineTests
{
    private static readonly EvaluationOptions Fast = new()
    {
        ResultDeadline = TimeSpan.FromSeconds(1),
        RebootDeadline = TimeSpan.FromMilliseconds(500),
        WindowPerBoard = 2,
    };

    // A board that does come back must not be given up just because a loaded test machine was slow to say so.
    private static readonly EvaluationOptions Patient = new()
    {
        ResultDeadline = TimeSpan.FromSeconds(1),
        RebootDeadline = TimeSpan.FromSeconds(10),
        WindowPerBoard = 2,
    };

    [Fact(Timeout = 30_000)]
    public async Task A_silent_board_is_rebooted_then_released_and_its_evaluations_fail_with_a_device_category()
    {
        var farm = new FakeFarm();
        var (results, _) = await RunAsync(farm, EvaluationMode.AllBoards, 5);

        Assert.Equal(10, results.Count);
        Assert.All(results.Where(r => r.Serial == FakeFarm.Healthy), r => Assert.Equal(1000, r.Pulses));
        var failed = results.Where(r => r.Serial == FakeFarm.Silent).ToList();
        Assert.Equal(5, failed.Count);
        Assert.All(failed, r => Assert.Equal(FailureCategory.Device, r.Failure!.Category));
        Assert.All(failed, r => Assert.Contains("reboot", r.Failure!.Reason, StringComparison.Ordinal));
        Assert.Contains($"POST /api/v1/reservations/{farm.ReservationId}/devices/{FakeFarm.Silent}/reboot", farm.Calls);
        Assert.Contains($"DELETE /api/v1/reservations/{farm.ReservationId}/devices/{FakeFarm.Silent}", farm.Calls);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_board_that_comes_back_after_the_reboot_delivers_everything()
    {
        var farm = new FakeFarm { ComesBackAfterReboot = true };
        var (results, lease) = await RunAsync(farm, EvaluationMode.AllBoards, 5, Patient);

        Assert.Equal(10, results.Count);
        Assert.All(results, r => Assert.True(r.Succeeded, r.FailureReason));
        Assert.Equal(5, results.Count(r => r.Pulses == 4242));
        Assert.DoesNotContain($"DELETE /api/v1/reservations/{farm.ReservationId}/devices/{FakeFarm.Silent}", farm.Calls);
        Assert.Equal(DeviceState.Ready, lease.Single(d => d.Serial == FakeFarm.Silent).State);
    }

    [Fact(Timeout = 30_000)]
    public async Task In_throughput_mode_a_silent_boards_work_moves_to_the_healthy_board()
    {
        var farm = new FakeFarm();
        var (results, _) = await RunAsync(farm, EvaluationMode.AnyBoard, 8);

        Assert.Equal(8, results.Count);
        Assert.All(results, r => Assert.True(r.Succeeded, r.FailureReason));
        Assert.All(results, r => Assert.Equal(FakeFarm.Healthy, r.Serial));
    }

    [Fact(Timeout = 30_000)]
    public async Task Results_delivered_twice_are_yielded_once()
    {
        var farm = new FakeFarm { DuplicateResults = true, ComesBackAfterReboot = true };
        var (results, _) = await RunAsync(farm, EvaluationMode.AllBoards, 6, Patient);

        Assert.Equal(12, results.Count);
        Assert.All(results, r => Assert.True(r.Succeeded, r.FailureReason));
        Assert.Equal(12, results.Select(r => r.EvaluationId).Distinct().Count());
    }

    private static async Task<(List<EvaluationResult> Results, IReadOnlyList<LeaseDevice> Devices)> RunAsync(FakeFarm farm, EvaluationMode mode, int count, EvaluationOptions? options = null)
    {
        using var client = new FarmClient(new HttpClient(farm), new FarmClientOptions { BaseAddress = new Uri("http://fake.invalid/"), Token = "t" });
        await using var lease = await client.ReserveAsync("pulsecount", 2).Within();
        await lease.WaitUntilReadyAsync().Within();
        var results = await lease.EvaluateAsync(Circuits.Pulses(count), mode, options ?? Fast).CollectAsync(Timeouts.Short);
        return (results, lease.Devices);
    }
}
