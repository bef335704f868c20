using IceFarm.Client.Evaluation;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>
/// However a lease ends mid-run (the caller ends it, an admin ends it, it expires), the run still going completes with
/// an explicit failure for every evaluation it did not get, and a run started on an ended lease fails at once.
/// </summary>
[Collection(FarmCollection.Name)]
public sealed class LeaseEndTests(ClientFarm farm)
{
    [Theory(Timeout = 180_000)]
    [InlineData("ended-by-client")]
    [InlineData("ended-by-admin")]
    [InlineData("expired")]
    public async Task A_lease_ending_mid_run_fails_what_was_not_evaluated_and_the_run_completes(string how)
    {
        await farm.WaitForAvailableBoardsAsync(1).Within(Timeouts.Long);
        var (credentials, client) = await farm.CreateClientAsync(how).Within();
        using var _ = client;
        // Far more work than the lease can hold: the same fifty circuits over and over (bytes shared, little memory).
        var circuits = Circuits.Pulses(50);
        var bitstreams = Enumerable.Range(0, 40).SelectMany(_ => circuits).ToList();
        var expires = how == "expired";
        await using var lease = await client.ReserveAsync(
            new ReserveRequest("pulsecount", Amount: 1, Duration: expires ? "PT30S" : null, Wait: "PT30S"),
            new LeaseOptions { AutoExtend = !expires }).Within();
        await lease.WaitUntilReadyAsync().Within(Timeouts.Long);

        Task? ending = null;
        var results = await lease.EvaluateAsync(bitstreams, EvaluationMode.AllBoards, new EvaluationOptions { WindowPerBoard = 2 })
            .CollectAsync(Timeouts.Long, _ => ending ??= how switch
            {
                "ended-by-client" => lease.EndAsync(),
                "ended-by-admin" => EndByAdminAsync(credentials.ClientId),
                _ => Task.CompletedTask,
            });
        await ending!.Within();

        Assert.Equal(bitstreams.Count, results.Count);
        var failures = results.Where(r => !r.Succeeded).ToList();
        Assert.NotEmpty(failures);
        // The farm and the client agree on whose fault an end is: the caller's own end or expiry is the user's.
        var category = how == "ended-by-admin" ? FailureCategory.Infrastructure : FailureCategory.User;
        Assert.All(failures, r => Assert.Equal(category, r.Failure!.Category));
        // From the farm ("the reservation ended (…) before the result") or from the client ("reservation … ended (…)").
        Assert.All(failures, r => Assert.Contains("ended", r.Failure!.Reason, StringComparison.Ordinal));
        await Eventually.WaitForAsync(_ => Task.FromResult(lease.EndedReason == how ? lease : null), Timeouts.Short, $"the lease to know it ended ({how})");
        Assert.All(lease.Devices, d => Assert.Equal(DeviceState.Released, d.State));

        // A run on a lease that has ended fails every evaluation at once instead of waiting for boards that are gone.
        var late = await lease.EvaluateAsync(circuits.Take(3), EvaluationMode.AllBoards).CollectAsync(Timeouts.Short);
        Assert.Equal(3, late.Count);
        Assert.All(late, r => Assert.Equal(category, r.Failure?.Category));
    }

    private async Task EndByAdminAsync(string clientId)
    {
        using var response = await farm.Admin.PostAsync($"api/admin/clients/{Uri.EscapeDataString(clientId)}/end", null).Within();
        response.EnsureSuccessStatusCode();
    }
}
