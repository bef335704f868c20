using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>Every call has a deadline and honours its token, even when the farm never answers (in-memory handler).</summary>
public sealed class ClientCallTests
{
    private static readonly Uri Nowhere = new("http://farm.invalid/");

    [Fact(Timeout = 30_000)]
    public async Task A_call_the_farm_never_answers_fails_with_a_TimeoutException_after_RequestTimeout()
    {
        using var client = new FarmClient(new HttpClient(new SilentFarm()), new FarmClientOptions { BaseAddress = Nowhere, Token = "t", RequestTimeout = TimeSpan.FromMilliseconds(200) });

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.AvailableAsync("pulsecount")).Within();

        Assert.Contains("availability", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancelling_the_token_cancels_the_call_at_once()
    {
        using var client = new FarmClient(new HttpClient(new SilentFarm()), new FarmClientOptions { BaseAddress = Nowhere, Token = "t", RequestTimeout = TimeSpan.FromHours(1) });
        using var cancel = new CancellationTokenSource();

        var call = client.ReserveAsync("pulsecount", 1, ct: cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call).Within();
    }

    [Fact]
    public void Options_without_an_address_or_a_token_are_refused_naming_the_environment_variables()
    {
        var noUrl = Assert.Throws<ArgumentException>(() => new FarmClient(new FarmClientOptions { Token = "t" }));
        Assert.Contains("ICEFARM_URL", noUrl.Message, StringComparison.Ordinal);
        var noToken = Assert.Throws<ArgumentException>(() => new FarmClient(new FarmClientOptions { BaseAddress = Nowhere }));
        Assert.Contains("ICEFARM_TOKEN", noToken.Message, StringComparison.Ordinal);
    }

    /// <summary>Accepts every request and never answers.</summary>
    private sealed class SilentFarm : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
