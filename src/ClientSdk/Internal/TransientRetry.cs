using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.Retry;

namespace IceFarm.Client.Internal;

/// <summary>
/// Retries a call while the farm is briefly unavailable (its database restarting: 503 with <c>Retry-After</c>; a proxy's
/// 502/504; the service restarting: no connection), with exponential back-off and jitter, honouring <c>Retry-After</c>, and
/// for at most <see cref="FarmClientOptions.MaxRetryTime"/> from the first attempt; then the last answer or error stands.
/// </summary>
internal sealed class TransientRetry
{
    private static readonly ResiliencePropertyKey<Call> CallKey = new("icefarm.call");
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(5);
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeProvider _time;
    private readonly TimeSpan _budget;

    public TransientRetry(FarmClientOptions options)
    {
        _time = options.TimeProvider;
        _budget = options.MaxRetryTime;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = int.MaxValue, // bounded by time instead, below
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = FirstDelay,
                MaxDelay = LongestDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome, args.Context)),
            })
            .Build();
    }

    /// <summary>Runs <paramref name="attempt"/> until it gives an answer worth keeping or the time for retries is spent.</summary>
    public async Task<HttpResponseMessage> ExecuteAsync<TState>(
        CallReplay replay, TState state, Func<TState, CancellationToken, Task<HttpResponseMessage>> attempt, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(CallKey, new Call(replay, _time.GetUtcNow() + _budget));
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (ctx, s) => await s.Attempt(s.State, ctx.CancellationToken), context, (State: state, Attempt: attempt));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var call = context.Properties.GetValue(CallKey, new Call(CallReplay.IfNotDone, DateTimeOffset.MinValue));
        if (context.CancellationToken.IsCancellationRequested || _time.GetUtcNow() >= call.Deadline)
        {
            return false;
        }

        if (outcome.Result is { } response)
        {
            return response.StatusCode == HttpStatusCode.ServiceUnavailable
                || (call.Replay == CallReplay.Safe && response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout);
        }

        // No answer at all. A connection that was never made did nothing; one that broke after the request went out may have.
        return outcome.Exception is HttpRequestException { StatusCode: null } failure
            && (call.Replay == CallReplay.Safe || failure.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError);
    }

    /// <summary>The farm's <c>Retry-After</c> when it sent one (within the back-off's bounds), else the back-off; never past the deadline.</summary>
    private TimeSpan? RetryAfter(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var left = context.Properties.GetValue(CallKey, new Call(CallReplay.IfNotDone, DateTimeOffset.MinValue)).Deadline - _time.GetUtcNow();
        if (outcome.Result?.Headers.RetryAfter is not { } header || Delta(header) is not { } asked)
        {
            return null; // the strategy's exponential back-off, clamped by the deadline at the next check
        }

        var delay = TimeSpan.FromTicks(Math.Clamp(asked.Ticks, FirstDelay.Ticks, LongestDelay.Ticks));
        return delay < left ? delay : TimeSpan.FromTicks(Math.Max(0, left.Ticks));
    }

    private TimeSpan? Delta(RetryConditionHeaderValue header) =>
        header.Delta ?? (header.Date is { } date ? date - _time.GetUtcNow() : null);

    private sealed record Call(CallReplay Replay, DateTimeOffset Deadline);
}
